package io.soleus.treatment.care;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.soleus.kernel.Actor;
import io.soleus.kernel.NotAllowedException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.value.MeasureOccasion;
import io.soleus.kernel.value.PainScore;
import io.soleus.treatment.ClinicalPolicy;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One episode of care for one client: opened with a complaint and a working finding, then
 * assessments, techniques, outcome questionnaires and an aftercare plan session by session, until
 * discharge (and one last questionnaire after it). Its rules are
 * about the case's own life; {@link ClinicalRecords} checks the sessions and the library around it.
 */
@Aggregate
public class Case {

    @AggregateIdentifier
    private CaseId caseId;
    private ClientId clientId;
    private ClinicId clinicId;
    private TherapistId therapistId;
    private boolean discharged;
    private final Set<SessionId> assessedSessions = new HashSet<>();
    private PlanId planId;
    private int planRevision;
    private Instant planAssignedAt;
    private final Set<ExerciseId> planExercises = new HashSet<>();
    private final Set<String> measuredAtDischarge = new HashSet<>();
    /** Per instrument answered: the sessions assessed since its last answer; and those asked again since. */
    private final Map<String, Integer> assessedSinceAnswer = new TreeMap<>();
    private final Set<String> requested = new HashSet<>();

    protected Case() {
    }

    Case(CaseOpened opened) {
        apply(opened);
    }

    /** Admins, therapists of the case's clinic, and its client see it; for anyone else it does not exist. */
    void ensureVisibleTo(Actor user) {
        if (!ClinicalPolicy.seesCase(user, clinicId, clientId)) {
            throw new NotFoundException("No case " + caseId);
        }
    }

    void ensureStaff(Actor user) {
        ensureVisibleTo(user);
        if (!ClinicalPolicy.isStaffAt(user, clinicId)) {
            throw new NotAllowedException("staff-only", "Only the clinic's staff may change the clinical record");
        }
    }

    void ensureOpen() {
        if (discharged) {
            throw new RuleViolationException("case-discharged", "A discharged case takes no more records");
        }
    }

    /**
     * Records a session's assessment; once {@code followUpEvery} sessions (the clinic's setting) are
     * assessed since the client last answered a questionnaire, she is asked to answer it again.
     */
    void recordAssessment(AssessmentRecorded assessment, int followUpEvery) {
        ensureOpen();
        if (assessedSessions.contains(assessment.sessionId())) {
            throw new RuleViolationException("session-already-assessed", "This session already has an assessment in this case");
        }
        apply(assessment);
        List<String> due = assessedSinceAnswer.entrySet().stream()
                .filter(since -> since.getValue() >= followUpEvery && !requested.contains(since.getKey()))
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            apply(new QuestionnairesRequested(caseId, clientId, clinicId, due, assessment.recordedAt()));
        }
    }

    void recordTechnique(Object technique) {
        ensureOpen();
        apply(technique);
    }

    void assignPlan(List<PrescribedExercise> exercises, Instant now) {
        ensureOpen();
        apply(new PlanAssigned(planId == null ? PlanId.random() : planId, caseId, clientId, therapistId,
                planRevision + 1, exercises, now));
    }

    void logProgress(ExerciseId exercise, ProgressOutcome outcome, PainScore pain, LocalDate day, Instant now) {
        if (planId == null) {
            throw new RuleViolationException("no-plan", "This case has no aftercare plan yet");
        }
        if (!planExercises.contains(exercise)) {
            throw new RuleViolationException("exercise-not-in-plan", "That exercise is not in the current plan");
        }
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate planned = planAssignedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        if (day.isAfter(today.plusDays(1)) || day.isBefore(planned.minusDays(1))) {
            throw new RuleViolationException("progress-day-outside-plan", "Progress is logged for a day between the plan's start and today");
        }
        apply(new PlanProgressLogged(planId, caseId, clientId, exercise, outcome, pain, day, now));
    }

    /**
     * When in the episode an answer to {@code instrument} counts: its first is the baseline, later ones
     * follow-ups, and one after discharge the discharge measure; a second after discharge is refused.
     */
    MeasureOccasion occasionOf(String instrument) {
        if (discharged) {
            if (measuredAtDischarge.contains(instrument)) {
                throw new RuleViolationException("already-measured-at-discharge",
                        "This case's " + instrument + " was answered at discharge already");
            }
            return MeasureOccasion.DISCHARGE;
        }
        return assessedSinceAnswer.containsKey(instrument) ? MeasureOccasion.FOLLOW_UP : MeasureOccasion.BASELINE;
    }

    void measure(OutcomeMeasured measure) {
        if (measure.occasion() != occasionOf(measure.instrument())) {
            throw new IllegalStateException("A measure's occasion is the case's to decide");
        }
        apply(measure);
    }

    void discharge(CaseDischarged discharged) {
        ensureOpen();
        apply(discharged);
    }

    CaseId caseId() {
        return caseId;
    }

    ClientId clientId() {
        return clientId;
    }

    ClinicId clinicId() {
        return clinicId;
    }

    TherapistId therapistId() {
        return therapistId;
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        caseId = event.caseId();
        clientId = event.clientId();
        clinicId = event.clinicId();
        therapistId = event.therapistId();
    }

    @EventSourcingHandler
    void on(AssessmentRecorded event) {
        assessedSessions.add(event.sessionId());
        assessedSinceAnswer.replaceAll((instrument, since) -> since + 1);
    }

    @EventSourcingHandler
    void on(QuestionnairesRequested event) {
        requested.addAll(event.instruments());
    }

    @EventSourcingHandler
    void on(PlanAssigned event) {
        planId = event.planId();
        planRevision = event.revision();
        planAssignedAt = event.assignedAt();
        planExercises.clear();
        event.exercises().forEach(exercise -> planExercises.add(exercise.exerciseId()));
    }

    @EventSourcingHandler
    void on(OutcomeMeasured event) {
        assessedSinceAnswer.put(event.instrument(), 0);
        requested.remove(event.instrument());
        if (event.occasion() == MeasureOccasion.DISCHARGE) {
            measuredAtDischarge.add(event.instrument());
        }
    }

    @EventSourcingHandler
    void on(CaseDischarged event) {
        discharged = true;
    }
}
