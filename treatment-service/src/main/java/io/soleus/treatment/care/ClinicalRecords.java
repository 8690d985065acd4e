package io.soleus.treatment.care;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.AssessmentId;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.MeasureOccasion;
import io.soleus.platform.axon.Aggregates;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.care.CaseCommands.AssignPlan;
import io.soleus.treatment.care.CaseCommands.DischargeCase;
import io.soleus.treatment.care.CaseCommands.LogProgress;
import io.soleus.treatment.care.CaseCommands.OpenCase;
import io.soleus.treatment.care.CaseCommands.Prescription;
import io.soleus.treatment.care.CaseCommands.RecordAssessment;
import io.soleus.treatment.care.CaseCommands.RecordMyofascialRelease;
import io.soleus.treatment.care.CaseCommands.RecordTriggerPointTreatment;
import io.soleus.treatment.exercise.Exercise;
import io.soleus.treatment.intake.IntakeQuestionnaires;
import io.soleus.treatment.intake.Intakes;
import io.soleus.treatment.intake.QuestionnaireSettings;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps the clinical record. Records of a session are checked against what booking published about
 * it: the session must be the case's client's, recorded by its therapist (or an admin), and attended
 * or taking place today. A record for a session booking has not told of yet is refused with
 * {@code session-not-yet-known} (409) and changes nothing: the booking event is normally moments
 * behind, so the caller sends it again shortly, rather than the service keeping records that might
 * never match a real session. Assessments, techniques and plans also need the client's current consent
 * at the clinic ({@link Intakes}): without it they are refused with {@code consent-required} (409). A
 * discharge needs none: it closes the episode, as a withdrawn consent asks.
 */
@Component
public class ClinicalRecords {

    private final Repository<Case> cases;
    private final Repository<Exercise> exercises;
    private final BookingFacts booking;
    private final Intakes intakes;
    private final QuestionnaireSettings settings;
    private final IntakeQuestionnaires intakeQuestionnaires;
    private final Clock clock;

    public ClinicalRecords(@Qualifier("caseRepository") Repository<Case> cases,
                           @Qualifier("exerciseRepository") Repository<Exercise> exercises, BookingFacts booking,
                           Intakes intakes, QuestionnaireSettings settings, IntakeQuestionnaires intakeQuestionnaires,
                           Clock clock) {
        this.cases = cases;
        this.exercises = exercises;
        this.booking = booking;
        this.intakes = intakes;
        this.settings = settings;
        this.intakeQuestionnaires = intakeQuestionnaires;
        this.clock = clock;
    }

    /** Opens the case and answers its id, which the API stores for a repeated request. */
    @CommandHandler
    public CaseId handle(OpenCase command) throws Exception {
        Require.present("caseId", command.caseId());
        Require.present("clientId", command.clientId());
        Require.present("clinicId", command.clinicId());
        Actor by = command.by();
        if (!ClinicalPolicy.isStaffAt(by, command.clinicId())) {
            throw new NotFoundException("No clinic " + command.clinicId());
        }
        TherapistId therapist = ClinicalPolicy.therapist(by)
                .orElseGet(() -> Require.present("therapistId", command.therapistId()));
        if (!booking.knowsClient(command.clientId())) {
            throw new NotFoundException("No client " + command.clientId());
        }
        CaseOpened opened = new CaseOpened(command.caseId(), command.clientId(), command.clinicId(), therapist,
                command.complaint(), command.workingFinding(), command.side(),
                command.contributingFactors() == null ? Set.of() : command.contributingFactors(), clock.instant());
        Aggregate<Case> record = cases.newInstance(() -> new Case(opened));
        // what she answered with her intake there is the case's baseline, answered before her first treatment
        for (IntakeQuestionnaireAnswered answered : intakeQuestionnaires.adoptInto(command.caseId(), command.clientId(),
                command.clinicId())) {
            record.execute(it -> it.measure(new OutcomeMeasured(command.caseId(), command.clientId(), command.clinicId(),
                    answered.instrument(), answered.instrumentVersion(), MeasureOccasion.BASELINE, answered.answers(),
                    answered.score(), answered.answeredAt())));
        }
        return command.caseId();
    }

    @CommandHandler
    public AssessmentId handle(RecordAssessment command) {
        Aggregate<Case> record = staffCase(command.caseId(), command.by());
        Case current = record.invoke(it -> it);
        checkSession(current, command.sessionId(), command.by());
        AssessmentRecorded assessment = new AssessmentRecorded(command.assessmentId(), current.caseId(),
                command.sessionId(), current.clientId(), therapistOf(command.by(), current), command.pain(),
                command.triggerPoints() == null ? List.of() : command.triggerPoints(), command.tightness(),
                command.notes(), clock.instant());
        int followUpEvery = settings.of(current.clinicId()).followUpEvery();
        record.execute(it -> it.recordAssessment(assessment, followUpEvery));
        return command.assessmentId();
    }

    @CommandHandler
    public void handle(RecordTriggerPointTreatment command) {
        Aggregate<Case> record = staffCase(command.caseId(), command.by());
        Case current = record.invoke(it -> it);
        checkSession(current, command.sessionId(), command.by());
        TriggerPointTreated treated = new TriggerPointTreated(current.caseId(), command.sessionId(),
                therapistOf(command.by(), current), command.site(), command.pressure(), command.duration(),
                command.response(), clock.instant());
        record.execute(it -> it.recordTechnique(treated));
    }

    @CommandHandler
    public void handle(RecordMyofascialRelease command) {
        Aggregate<Case> record = staffCase(command.caseId(), command.by());
        Case current = record.invoke(it -> it);
        checkSession(current, command.sessionId(), command.by());
        MyofascialReleaseApplied applied = new MyofascialReleaseApplied(current.caseId(), command.sessionId(),
                therapistOf(command.by(), current), command.region(), command.duration(), command.response(),
                clock.instant());
        record.execute(it -> it.recordTechnique(applied));
    }

    @CommandHandler
    public void handle(AssignPlan command) {
        Aggregate<Case> record = staffCase(command.caseId(), command.by());
        Case current = record.invoke(it -> it);
        intakes.ensureConsentedToTreatment(current.clientId(), current.clinicId());
        List<Prescription> prescriptions = Require.size("exercises", command.exercises(), 1, 20);
        Set<ExerciseId> distinct = new HashSet<>();
        List<PrescribedExercise> plan = new ArrayList<>();
        for (int i = 0; i < prescriptions.size(); i++) {
            Prescription prescription = prescriptions.get(i);
            String field = "exercises[" + i + "]";
            Require.present(field + ".exerciseId", prescription.exerciseId());
            Require.present(field + ".dose", prescription.dose());
            if (!distinct.add(prescription.exerciseId())) {
                throw new InvalidValueException(field + ".exerciseId", "an exercise appears once in a plan");
            }
            plan.add(new PrescribedExercise(prescription.exerciseId(), exerciseName(prescription.exerciseId(), field),
                    prescription.dose()));
        }
        record.execute(it -> it.assignPlan(plan, clock.instant()));
    }

    @CommandHandler
    public void handle(LogProgress command) {
        Require.present("exerciseId", command.exerciseId());
        Require.present("outcome", command.outcome());
        Require.present("day", command.day());
        Aggregate<Case> record = load(command.caseId());
        record.execute(it -> it.ensureVisibleTo(command.by()));
        record.execute(it -> it.logProgress(command.exerciseId(), command.outcome(), command.pain(), command.day(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(DischargeCase command) {
        Aggregate<Case> record = staffCase(command.caseId(), command.by());
        Case current = record.invoke(it -> it);
        CaseDischarged discharged = new CaseDischarged(current.caseId(), current.clientId(), current.clinicId(),
                therapistOf(command.by(), current), command.finalPain(), command.backToActivity(), command.reason(),
                clock.instant());
        record.execute(it -> it.discharge(discharged));
    }

    /**
     * The session must be known, the case's client's at the case's clinic, and attended or under
     * way today; a therapist records only their own sessions; and the client must consent at the
     * clinic, to treatment and to the processing of its data, now.
     */
    private void checkSession(Case current, SessionId sessionId, Actor by) {
        Require.present("sessionId", sessionId);
        BookingFacts.Session session = booking.session(sessionId).orElseThrow(() -> new RuleViolationException(
                "session-not-yet-known", "The booking service has not told of this session yet; send the record again shortly"));
        if (!session.clientId().equals(current.clientId())) {
            throw new RuleViolationException("session-of-another-client", "That session is another client's");
        }
        if (!session.clinicId().equals(current.clinicId())) {
            throw new RuleViolationException("session-at-another-clinic",
                    "That session is at another clinic than the case; its record belongs to a case there");
        }
        if (!ClinicalPolicy.recordsSessionOf(by, session.therapistId())) {
            throw new RuleViolationException("not-the-sessions-therapist", "Only the session's therapist or an admin may record it");
        }
        if (!session.attended() && !session.bookedFor(clock.instant().atZone(session.zone()).toLocalDate())) {
            throw new RuleViolationException("session-not-attended-or-today",
                    "Records attach to sessions that were attended or take place today");
        }
        intakes.ensureConsentedToTreatment(current.clientId(), current.clinicId());
    }

    private Aggregate<Case> staffCase(CaseId caseId, Actor by) {
        Aggregate<Case> record = load(caseId);
        record.execute(it -> it.ensureStaff(by));
        return record;
    }

    private Aggregate<Case> load(CaseId caseId) {
        return Aggregates.load(cases, Require.present("caseId", caseId), "case");
    }

    private String exerciseName(ExerciseId exercise, String field) {
        try {
            return exercises.load(exercise.toString()).invoke(Exercise::name);
        } catch (AggregateNotFoundException e) {
            throw new InvalidValueException(field + ".exerciseId", "no such exercise in the library");
        }
    }

    /** The therapist a record is attributed to: the one recording it, or the case's when an admin does. */
    private static TherapistId therapistOf(Actor by, Case current) {
        return ClinicalPolicy.therapist(by).orElse(current.therapistId());
    }
}
