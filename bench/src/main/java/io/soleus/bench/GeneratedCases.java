package io.soleus.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.soleus.kernel.id.AssessmentId;
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
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.TriggerPointFinding;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.Frequency;
import io.soleus.kernel.value.Muscle;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.Severity;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.Tightness;
import io.soleus.kernel.value.TissueResponse;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A treatment store's history made fast: cases of the reference case's shape generated as events and
 * appended straight to the store (not through the API), each client's personal values sealed with
 * their own key as the service seals them. A case is opened, assessed and treated (trigger point and
 * myofascial release) at four sessions a week apart with pain falling 7, 5, 3, 2, given a plan and a
 * logged exercise after its first session, and discharged; a hundred cases at a time, step by step
 * (every case's first event, then every case's second, …), as real traffic interleaves them.
 */
final class GeneratedCases {

    static final int EVENTS_PER_CASE = 16;
    static final int ASSESSMENTS_PER_CASE = 4;
    private static final int CASES_AT_A_TIME = 100;
    private static final int[] PAIN = {7, 5, 3, 2};
    private static final BodySite LOWER_MEDIAL_SOLEUS = new BodySite(Muscle.SOLEUS, Side.LEFT, "lower-medial");
    private static final BodySite SOLEUS = new BodySite(Muscle.SOLEUS, Side.LEFT, null);
    private static final List<PrescribedExercise> PLAN = List.of(
            new PrescribedExercise(ExerciseId.random(), "Bent-knee calf raises", new ExerciseDose(3, 15, null, 2, Frequency.DAY, 6)),
            new PrescribedExercise(ExerciseId.random(), "Soleus wall stretch", new ExerciseDose(3, null, 30, 2, Frequency.DAY, 6)),
            new PrescribedExercise(ExerciseId.random(), "Foam rolling the calf", new ExerciseDose(1, null, 120, 1, Frequency.DAY, 6)));

    /** Who treats the cases: a therapist and their clinic. */
    record Therapist(TherapistId id, ClinicId clinic) {
    }

    private GeneratedCases() {
    }

    /** Appends {@code cases} cases shared out among {@code therapists} in turn, opened from {@code first}; one transaction per step of a hundred cases. */
    static void append(EventStore store, TransactionTemplate transaction, List<Therapist> therapists, int cases, Instant first) {
        for (int from = 0; from < cases; from += CASES_AT_A_TIME) {
            List<List<DomainEventMessage<?>>> steps = new ArrayList<>();
            for (int i = from; i < Math.min(cases, from + CASES_AT_A_TIME); i++) {
                List<DomainEventMessage<?>> events = aCase(therapists.get(i % therapists.size()),
                        first.plus(Duration.ofMinutes(i)));
                for (int step = 0; step < events.size(); step++) {
                    if (steps.size() == step) {
                        steps.add(new ArrayList<>());
                    }
                    steps.get(step).add(events.get(step));
                }
            }
            for (List<DomainEventMessage<?>> step : steps) {
                transaction.executeWithoutResult(status -> store.publish(step));
            }
        }
    }

    /** One case's events in their order, grouped by when they happen: opening with the first session, each session, discharge. */
    private static List<DomainEventMessage<?>> aCase(Therapist therapist, Instant opened) {
        CaseId id = CaseId.random();
        ClientId client = ClientId.random();
        PlanId plan = PlanId.random();
        List<Object> payloads = new ArrayList<>(EVENTS_PER_CASE);
        payloads.add(new CaseOpened(id, client, therapist.clinic(), therapist.id(),
                "Deep, persistent ache in the lower left calf after weekend runs", Finding.SOLEUS_MYOFASCIAL_PAIN, Side.LEFT,
                Set.of(ContributingFactor.OVERUSE), opened));
        for (int visit = 0; visit < ASSESSMENTS_PER_CASE; visit++) {
            Instant at = opened.plus(Duration.ofDays(7L * visit));
            SessionId session = SessionId.random();
            payloads.add(new AssessmentRecorded(AssessmentId.random(), id, session, client, therapist.id(),
                    new PainScore(PAIN[visit]), List.of(new TriggerPointFinding(LOWER_MEDIAL_SOLEUS, Severity.MODERATE)),
                    Tightness.MODERATE, "Tight soleus; pain on single-leg bent-knee raise.", at.plus(Duration.ofMinutes(15))));
            payloads.add(new TriggerPointTreated(id, session, therapist.id(), LOWER_MEDIAL_SOLEUS, Pressure.FIRM,
                    Duration.ofSeconds(90), TissueResponse.RELEASED, at.plus(Duration.ofMinutes(30))));
            payloads.add(new MyofascialReleaseApplied(id, session, therapist.id(), SOLEUS, Duration.ofMinutes(12),
                    TissueResponse.PARTIALLY_RELEASED, at.plus(Duration.ofMinutes(45))));
            if (visit == 0) {
                payloads.add(new PlanAssigned(plan, id, client, therapist.id(), 1, PLAN, at.plus(Duration.ofMinutes(50))));
                payloads.add(new PlanProgressLogged(plan, id, client, PLAN.get(0).exerciseId(), ProgressOutcome.DONE,
                        new PainScore(5), LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(2), at.plus(Duration.ofDays(2))));
            }
        }
        payloads.add(new CaseDischarged(id, client, therapist.clinic(), therapist.id(), new PainScore(1), true,
                "Runs her usual routes without pain", opened.plus(Duration.ofDays(28))));
        List<DomainEventMessage<?>> events = new ArrayList<>(payloads.size());
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            events.add(new GenericDomainEventMessage<>("Case", id.toString(), sequence, payloads.get(sequence)));
        }
        return events;
    }
}
