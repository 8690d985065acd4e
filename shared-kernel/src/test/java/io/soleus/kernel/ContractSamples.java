package io.soleus.kernel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesRescheduled;
import io.soleus.kernel.booking.SeriesSession;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.booking.SlotOffered;
import io.soleus.kernel.id.AssessmentId;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.ConsentGiven;
import io.soleus.kernel.treatment.ConsentWithdrawn;
import io.soleus.kernel.treatment.IntakeSubmitted;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.treatment.IntakeQuestionnairesAdopted;
import io.soleus.kernel.treatment.RedFlagCleared;
import io.soleus.kernel.treatment.RedFlagRaised;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.ExerciseAdded;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.TriggerPointFinding;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.kernel.value.ConsentVia;
import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.Frequency;
import io.soleus.kernel.value.MeasureOccasion;
import io.soleus.kernel.value.Muscle;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.Severity;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.Tightness;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.kernel.value.TissueResponse;

/**
 * One fixed sample of every published contract, taken from the reference case of DOMAIN.md: the
 * runner training for a half marathon with soleus pain in her left calf. Golden files are these
 * samples as JSON; other modules use them to pin the wire format.
 */
public final class ContractSamples {

    public static final ClientId RUNNER = ClientId.of("0f6b1c1e-5a3d-4c55-9d1e-7a1f2b3c4d01");
    public static final TherapistId THERAPIST = TherapistId.of("1a2b3c4d-0000-4e5f-8a9b-0c1d2e3f4a02");
    public static final ClinicId RIVERSIDE = ClinicId.of("2b3c4d5e-1111-4f60-9b0c-1d2e3f4a5b03");
    public static final RoomId ROOM_2 = RoomId.of("3c4d5e6f-2222-4071-8c1d-2e3f4a5b6c04");
    public static final SessionTypeId INITIAL_ASSESSMENT = SessionTypeId.of("4d5e6f70-3333-4182-9d2e-3f4a5b6c7d05");
    public static final SessionId FIRST_SESSION = SessionId.of("5e6f7081-4444-4293-8e3f-4a5b6c7d8e06");
    public static final SeriesId COURSE = SeriesId.of("a1b2c3d4-7777-4c5d-8e6f-708192a3b4c5");
    public static final SessionId SECOND_SESSION = SessionId.of("b2c3d4e5-8888-4d6e-9f70-8192a3b4c5d6");
    public static final CaseId CASE = CaseId.of("6f708192-5555-43a4-9f4a-5b6c7d8e9f07");
    public static final AssessmentId ASSESSMENT = AssessmentId.of("708192a3-6666-44b5-8a5b-6c7d8e9fa008");
    public static final PlanId PLAN = PlanId.of("8192a3b4-7777-45c6-9b6c-7d8e9fa0b109");
    public static final ExerciseId BENT_KNEE_CALF_RAISES = ExerciseId.of("92a3b4c5-8888-46d7-8c7d-8e9fa0b1c210");
    public static final ExerciseId SOLEUS_WALL_STRETCH = ExerciseId.of("a3b4c5d6-9999-47e8-9d8e-9fa0b1c2d311");
    public static final ExerciseId SEATED_CALF_RAISES = ExerciseId.of("b4c5d6e7-aaaa-48f9-8e9f-a0b1c2d3e412");
    public static final ExerciseId FOAM_ROLLING = ExerciseId.of("c5d6e7f8-bbbb-490a-9fa0-b1c2d3e4f513");

    private static final Instant BOOKED = Instant.parse("2026-03-02T18:30:00Z");
    private static final TimeSlot FIRST_SLOT = new TimeSlot(Instant.parse("2026-03-07T09:00:00Z"),
            Instant.parse("2026-03-07T10:00:00Z"));
    private static final TimeSlot MOVED_SLOT = new TimeSlot(Instant.parse("2026-03-07T11:00:00Z"),
            Instant.parse("2026-03-07T12:00:00Z"));
    private static final BodySite LOWER_MEDIAL_SOLEUS = new BodySite(Muscle.SOLEUS, Side.LEFT, "lower-medial");

    private ContractSamples() {
    }

    public static Map<Class<?>, Object> all() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        for (Object sample : List.of(
                new ClinicOpened(RIVERSIDE, "Riverside Clinic", "12 River Walk, Kingston KT1 1AA", "Europe/London",
                        Duration.ofHours(24)),
                new ClientRegistered(RUNNER, "Maya Runner", "maya@example.org", "+44 7700 900123", Channel.EMAIL, true,
                        "en", BOOKED.minus(Duration.ofMinutes(5))),
                new ClientContactChanged(RUNNER, "Maya Runner", "maya.runner@example.org", "+44 7700 900123",
                        Channel.SMS, true, "en", BOOKED.plus(Duration.ofDays(1))),
                new ClientForgotten(RUNNER, Instant.parse("2026-06-01T09:00:00Z")),
                new SessionBooked(FIRST_SESSION, RUNNER, THERAPIST, "Maya Lindqvist", RIVERSIDE, ROOM_2, INITIAL_ASSESSMENT,
                        "Initial assessment", FIRST_SLOT, "Europe/London", BOOKED, COURSE),
                new SessionRescheduled(FIRST_SESSION, RUNNER, THERAPIST, RIVERSIDE, ROOM_2, FIRST_SLOT, MOVED_SLOT,
                        BOOKED.plus(Duration.ofDays(2)), COURSE),
                new SessionCancelled(FIRST_SESSION, RUNNER, THERAPIST, RIVERSIDE, CancelledBy.CLIENT,
                        "Race-day travel", true, Instant.parse("2026-03-06T20:00:00Z"), COURSE),
                new SessionAttended(FIRST_SESSION, RUNNER, THERAPIST, RIVERSIDE, Instant.parse("2026-03-07T11:58:00Z")),
                new SessionMissed(FIRST_SESSION, RUNNER, THERAPIST, RIVERSIDE, Instant.parse("2026-03-07T11:20:00Z")),
                new SlotOffered(FIRST_SESSION, java.util.UUID.fromString("d6e7f809-cccc-4a1b-8a0b-c1d2e3f4a614"), RUNNER,
                        RIVERSIDE, THERAPIST, "Maya Lindqvist", ROOM_2, INITIAL_ASSESSMENT, "Initial assessment", FIRST_SLOT,
                        FIRST_SLOT.end().plus(Duration.ofMinutes(15)), "Europe/London", Instant.parse("2026-03-06T20:00:00Z"),
                        Instant.parse("2026-03-06T18:00:00Z")),
                new SeriesBooked(COURSE, RUNNER, RIVERSIDE, THERAPIST, "Maya Lindqvist", "Follow-up treatment",
                        "Europe/London", List.of(new SeriesSession(FIRST_SESSION, FIRST_SLOT.start()),
                                new SeriesSession(SECOND_SESSION, FIRST_SLOT.start().plus(Duration.ofDays(7)))), BOOKED),
                new SeriesRescheduled(COURSE, RUNNER, RIVERSIDE,
                        List.of(new SeriesSession(SECOND_SESSION, FIRST_SLOT.start().plus(Duration.ofDays(7)))),
                        List.of(new SeriesSession(SECOND_SESSION, FIRST_SLOT.start().plus(Duration.ofDays(9)))),
                        BOOKED.plus(Duration.ofDays(2))),
                new SeriesCancelled(COURSE, RUNNER, RIVERSIDE,
                        List.of(new SeriesSession(SECOND_SESSION, FIRST_SLOT.start().plus(Duration.ofDays(9)))),
                        CancelledBy.CLINIC, "Therapist on leave", Instant.parse("2026-03-06T20:00:00Z")),
                new ExerciseAdded(SOLEUS_WALL_STRETCH, "Soleus wall stretch",
                        "Facing a wall, the back foot flat, bend both knees until the lower calf stretches.",
                        "therapist-ana"),
                new CaseOpened(CASE, RUNNER, RIVERSIDE, THERAPIST,
                        "Deep, persistent ache in the lower left calf after weekend runs",
                        Finding.SOLEUS_MYOFASCIAL_PAIN, Side.LEFT,
                        Set.of(ContributingFactor.OVERUSE, ContributingFactor.UNEVEN_GROUND),
                        Instant.parse("2026-03-07T11:05:00Z")),
                new AssessmentRecorded(ASSESSMENT, CASE, FIRST_SESSION, RUNNER, THERAPIST, new PainScore(7),
                        List.of(new TriggerPointFinding(LOWER_MEDIAL_SOLEUS, Severity.SEVERE),
                                new TriggerPointFinding(new BodySite(Muscle.SOLEUS, Side.LEFT, "lower-lateral"), Severity.MODERATE)),
                        Tightness.SEVERE, "Very tight soleus; pain on single-leg bent-knee raise.",
                        Instant.parse("2026-03-07T11:20:00Z")),
                new TriggerPointTreated(CASE, FIRST_SESSION, THERAPIST, LOWER_MEDIAL_SOLEUS, Pressure.FIRM,
                        Duration.ofSeconds(90), TissueResponse.RELEASED, Instant.parse("2026-03-07T11:35:00Z")),
                new MyofascialReleaseApplied(CASE, FIRST_SESSION, THERAPIST, new BodySite(Muscle.SOLEUS, Side.LEFT, null),
                        Duration.ofMinutes(12), TissueResponse.PARTIALLY_RELEASED, Instant.parse("2026-03-07T11:50:00Z")),
                new PlanAssigned(PLAN, CASE, RUNNER, THERAPIST, 1, List.of(
                        new PrescribedExercise(BENT_KNEE_CALF_RAISES, "Bent-knee calf raises",
                                new ExerciseDose(3, 15, null, 2, Frequency.DAY, 6)),
                        new PrescribedExercise(SOLEUS_WALL_STRETCH, "Soleus wall stretch",
                                new ExerciseDose(3, null, 30, 2, Frequency.DAY, 6)),
                        new PrescribedExercise(SEATED_CALF_RAISES, "Seated calf raises",
                                new ExerciseDose(3, 20, null, 4, Frequency.WEEK, 6)),
                        new PrescribedExercise(FOAM_ROLLING, "Foam rolling the calf",
                                new ExerciseDose(1, null, 120, 1, Frequency.DAY, 6))),
                        Instant.parse("2026-03-07T11:56:00Z")),
                new PlanProgressLogged(PLAN, CASE, RUNNER, BENT_KNEE_CALF_RAISES, ProgressOutcome.DONE, new PainScore(5),
                        LocalDate.parse("2026-03-09"), Instant.parse("2026-03-09T19:10:00Z")),
                new CaseDischarged(CASE, RUNNER, RIVERSIDE, THERAPIST, new PainScore(1), true,
                        "Runs her usual routes without pain", Instant.parse("2026-04-04T10:00:00Z")),
                new IntakeSubmitted(RUNNER, RIVERSIDE, "calf-intake", 1, "en",
                        "{\"complaint-history\":\"Deep ache in the lower left calf for three weeks\",\"weekly-km\":\"35\","
                                + "\"calf-swelling\":\"no\",\"long-travel\":\"yes\"}",
                        Instant.parse("2026-03-03T20:15:00Z")),
                new RedFlagRaised(RUNNER, RIVERSIDE, "calf-intake", 1, "long-travel", Instant.parse("2026-03-03T20:15:00Z")),
                new ConsentGiven(RUNNER, RIVERSIDE, ConsentKind.TREATMENT, "treatment-2026-1", ConsentVia.INTAKE,
                        Instant.parse("2026-03-03T20:15:00Z")),
                new ConsentWithdrawn(RUNNER, RIVERSIDE, ConsentKind.DATA_PROCESSING, ConsentVia.DESK,
                        Instant.parse("2026-04-05T09:00:00Z")),
                new OutcomeMeasured(CASE, RUNNER, RIVERSIDE, "psfs", 1, MeasureOccasion.BASELINE,
                        "{\"activities\":[{\"name\":\"Running 10 km\",\"rating\":3}]}", 3.0,
                        Instant.parse("2026-03-07T11:52:00Z")),
                new QuestionnairesRequested(CASE, RUNNER, RIVERSIDE, List.of("lefs", "psfs"),
                        Instant.parse("2026-03-28T10:05:00Z")),
                new ClinicQuestionnairesSet(RIVERSIDE, "calf-intake", 2, 4, Instant.parse("2026-02-20T08:00:00Z")),
                new IntakeQuestionnaireAnswered(RUNNER, RIVERSIDE, "psfs", 1,
                        "{\"activities\":[{\"name\":\"Running 10 km\",\"rating\":3}]}", 3.0,
                        Instant.parse("2026-03-03T20:20:00Z")),
                new IntakeQuestionnairesAdopted(RUNNER, RIVERSIDE, CASE, List.of("lefs", "psfs"),
                        Instant.parse("2026-03-07T11:30:00Z")),
                new RedFlagCleared(RUNNER, RIVERSIDE, THERAPIST.toString(), "GP saw her on 5 March: no sign of a clot",
                        Instant.parse("2026-03-06T09:00:00Z")))) {
            samples.put(sample.getClass(), sample);
        }
        return samples;
    }
}
