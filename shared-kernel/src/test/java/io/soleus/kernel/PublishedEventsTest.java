package io.soleus.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.TriggerPointFinding;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Frequency;
import io.soleus.kernel.value.Muscle;
import io.soleus.kernel.value.Side;
import org.junit.jupiter.api.Test;

/** The rules of every published event, checked when it is written; reading history checks none. */
class PublishedEventsTest {

    private static final EventCodec CODEC = EventCodec.standard();

    private final ClientRegistered registered = sample(ClientRegistered.class);
    private final SessionBooked booked = sample(SessionBooked.class);
    private final CaseOpened opened = sample(CaseOpened.class);
    private final AssessmentRecorded assessed = sample(AssessmentRecorded.class);
    private final PlanAssigned plan = sample(PlanAssigned.class);

    @Test
    void every_sample_passes_its_rules() {
        ContractSamples.all().values().forEach(event -> ((Checked) event).check());
    }

    @Test
    void an_event_written_under_looser_rules_still_reads_and_only_a_new_write_is_refused() {
        // a session type named before names were bounded at 120 characters
        SessionBooked written = booked("x".repeat(121), "Europe/London");

        assertThat(CODEC.decode("io.soleus.booking.SessionBooked", 2, CODEC.encode(written))).isEqualTo(written);
        refused(() -> written, "sessionTypeName");
    }

    @Test
    void a_client_registers_with_a_name_and_an_email_address() {
        refused(() -> registered("", "maya@example.org", null, "en"), "name");
        refused(() -> registered("Maya Runner", "maya-at-example.org", null, "en"), "email");
        refused(() -> registered("Maya Runner", null, null, "en"), "email");
    }

    @Test
    void a_phone_number_is_optional_but_must_look_like_one() {
        assertThat(registered("Maya Runner", "maya@example.org", null, "en").phone()).isNull();
        refused(() -> registered("Maya Runner", "maya@example.org", "call me", "en"), "phone");
    }

    @Test
    void a_client_without_a_language_is_written_to_in_english() {
        assertThat(registered("Maya Runner", "maya@example.org", null, null).language()).isEqualTo("en");
        assertThat(registered("Maya Runner", "maya@example.org", null, "pt-BR").language()).isEqualTo("pt-BR");
        refused(() -> registered("Maya Runner", "maya@example.org", null, "English"), "language");
    }

    @Test
    void a_booking_names_the_time_zone_of_its_clinic() {
        refused(() -> booked("Initial assessment", "Mars/Olympus_Mons"), "clinicTimeZone");
        refused(() -> booked("Initial assessment", null), "clinicTimeZone");
        refused(() -> booked("x".repeat(121), "Europe/London"), "sessionTypeName");
    }

    @Test
    void every_required_field_of_a_booking_is_named_when_missing() {
        refused(() -> new SessionBooked(null, booked.clientId(), booked.therapistId(), booked.therapistName(), booked.clinicId(),
                booked.roomId(), booked.sessionTypeId(), booked.sessionTypeName(), booked.slot(),
                booked.clinicTimeZone(), booked.bookedAt()), "sessionId");
        refused(() -> new SessionBooked(booked.sessionId(), booked.clientId(), booked.therapistId(), booked.therapistName(), booked.clinicId(),
                booked.roomId(), booked.sessionTypeId(), booked.sessionTypeName(), null,
                booked.clinicTimeZone(), booked.bookedAt()), "slot");
        refused(() -> new SessionCancelled(booked.sessionId(), booked.clientId(), booked.therapistId(),
                booked.clinicId(), null, "Race-day travel", true, booked.bookedAt()), "cancelledBy");
    }

    @Test
    void a_case_may_open_without_contributing_factors_and_keeps_its_own_copy_of_them() {
        Set<ContributingFactor> factors = EnumSet.of(ContributingFactor.OVERUSE);
        CaseOpened withFactors = opened(factors);
        factors.add(ContributingFactor.PROLONGED_SITTING);

        assertThat(withFactors.contributingFactors()).containsExactly(ContributingFactor.OVERUSE);
        assertThat(opened(Set.of()).contributingFactors()).isEmpty();
        assertThat(opened(null).contributingFactors()).isEmpty();
        assertThatThrownBy(() -> withFactors.contributingFactors().add(ContributingFactor.OTHER))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_assessment_keeps_its_own_copy_of_the_trigger_points_and_bounds_its_notes() {
        List<TriggerPointFinding> found = new ArrayList<>(assessed.triggerPoints());
        AssessmentRecorded recorded = assessed("Very tight soleus.", found);
        found.clear();

        assertThat(recorded.triggerPoints()).hasSize(2);
        assertThat(assessed(null, List.of()).notes()).isNull();
        assertThat(assessed("x".repeat(4000), List.of()).notes()).hasSize(4000);
        refused(() -> assessed("x".repeat(4001), List.of()), "notes");
        refused(() -> new TriggerPointFinding(new BodySite(Muscle.SOLEUS, Side.LEFT, null), null), "severity");
    }

    @Test
    void trigger_point_therapy_lasts_from_one_second_to_half_an_hour() {
        TriggerPointTreated treated = sample(TriggerPointTreated.class);

        assertThat(treated(treated, Duration.ofMinutes(30)).duration()).isEqualTo(Duration.ofMinutes(30));
        refused(() -> treated(treated, Duration.ofMillis(999)), "duration");
        refused(() -> treated(treated, Duration.ofMinutes(30).plusSeconds(1)), "duration");
        refused(() -> treated(treated, null), "duration");
    }

    @Test
    void myofascial_release_lasts_from_one_second_to_an_hour() {
        MyofascialReleaseApplied applied = sample(MyofascialReleaseApplied.class);

        assertThat(released(applied, Duration.ofSeconds(1)).duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(released(applied, Duration.ofMinutes(60)).duration()).isEqualTo(Duration.ofMinutes(60));
        refused(() -> released(applied, Duration.ZERO), "duration");
        refused(() -> released(applied, Duration.ofMinutes(61)), "duration");
    }

    @Test
    void a_plan_starts_at_revision_one_and_holds_one_to_thirty_exercises() {
        refused(() -> plan(0, plan.exercises()), "revision");
        assertThat(plan(30, exercises(30)).exercises()).hasSize(30);
        refused(() -> plan(1, exercises(31)), "exercises");
        refused(() -> plan(1, null), "exercises");
    }

    @Test
    void a_progress_log_may_leave_out_the_pain_and_then_says_nothing_about_it_in_json() throws Exception {
        PlanProgressLogged logged = sample(PlanProgressLogged.class);
        PlanProgressLogged withoutPain = new PlanProgressLogged(logged.planId(), logged.caseId(), logged.clientId(),
                logged.exerciseId(), logged.outcome(), null, logged.day(), logged.loggedAt());

        JsonNode json = new ObjectMapper().readTree(CODEC.encode(withoutPain));

        assertThat(json.has("pain")).isFalse();
        assertThat(json.get("day").asText()).isEqualTo("2026-03-09");
        assertThat(CODEC.decode("io.soleus.treatment.PlanProgressLogged", 1, CODEC.encode(withoutPain)))
                .isEqualTo(withoutPain);
    }

    @Test
    void a_discharge_records_the_final_pain_and_a_reason() {
        CaseDischarged discharged = sample(CaseDischarged.class);

        refused(() -> new CaseDischarged(discharged.caseId(), discharged.clientId(), discharged.clinicId(),
                discharged.therapistId(), null, true, "Runs without pain", discharged.dischargedAt()), "finalPain");
        refused(() -> new CaseDischarged(discharged.caseId(), discharged.clientId(), discharged.clinicId(),
                discharged.therapistId(), discharged.finalPain(), true, " ", discharged.dischargedAt()), "reason");
    }

    private ClientRegistered registered(String name, String email, String phone, String language) {
        return new ClientRegistered(registered.clientId(), name, email, phone, registered.preferredChannel(),
                registered.remindersConsent(), language, registered.registeredAt());
    }

    private SessionBooked booked(String sessionTypeName, String zone) {
        return new SessionBooked(booked.sessionId(), booked.clientId(), booked.therapistId(), booked.therapistName(), booked.clinicId(),
                booked.roomId(), booked.sessionTypeId(), sessionTypeName, booked.slot(), zone, booked.bookedAt());
    }

    private CaseOpened opened(Set<ContributingFactor> factors) {
        return new CaseOpened(opened.caseId(), opened.clientId(), opened.clinicId(), opened.therapistId(),
                opened.complaint(), opened.workingFinding(), opened.side(), factors, opened.openedAt());
    }

    private AssessmentRecorded assessed(String notes, List<TriggerPointFinding> triggerPoints) {
        return new AssessmentRecorded(assessed.assessmentId(), assessed.caseId(), assessed.sessionId(),
                assessed.clientId(), assessed.therapistId(), assessed.pain(), triggerPoints, assessed.tightness(),
                notes, assessed.recordedAt());
    }

    private static TriggerPointTreated treated(TriggerPointTreated treated, Duration duration) {
        return new TriggerPointTreated(treated.caseId(), treated.sessionId(), treated.therapistId(), treated.site(),
                treated.pressure(), duration, treated.response(), treated.treatedAt());
    }

    private static MyofascialReleaseApplied released(MyofascialReleaseApplied applied, Duration duration) {
        return new MyofascialReleaseApplied(applied.caseId(), applied.sessionId(), applied.therapistId(),
                applied.region(), duration, applied.response(), applied.appliedAt());
    }

    private PlanAssigned plan(int revision, List<PrescribedExercise> exercises) {
        return new PlanAssigned(plan.planId(), plan.caseId(), plan.clientId(), plan.therapistId(), revision, exercises,
                plan.assignedAt());
    }

    private static List<PrescribedExercise> exercises(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new PrescribedExercise(ExerciseId.random(), "Exercise " + i,
                        new ExerciseDose(3, 10, null, 1, Frequency.DAY, 4)))
                .toList();
    }

    private static <T> T sample(Class<T> type) {
        return type.cast(ContractSamples.all().get(type));
    }

    /** The event is made, as any history is read, but refused when it is checked for writing. */
    private static void refused(Supplier<? extends Checked> event, String field) {
        Checked made = event.get();
        assertThatThrownBy(made::check)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }
}
