package io.soleus.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.Frequency;
import io.soleus.kernel.value.Muscle;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.TimeSlot;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    private static final Instant NINE = Instant.parse("2026-03-07T09:00:00Z");

    @Test
    void a_pain_score_is_on_the_zero_to_ten_scale() {
        assertThat(new PainScore(0).value()).isZero();
        assertThat(new PainScore(10).value()).isEqualTo(10);
        refused(() -> new PainScore(11), "pain");
        refused(() -> new PainScore(-1), "pain");
    }

    @Test
    void a_time_slot_ends_after_it_starts() {
        refused(() -> new TimeSlot(NINE, NINE), "slot.end");
        refused(() -> new TimeSlot(NINE, NINE.minusSeconds(60)), "slot.end");
        refused(() -> new TimeSlot(null, NINE), "slot.start");
    }

    @Test
    void slots_overlap_only_when_they_share_time() {
        TimeSlot nineToTen = new TimeSlot(NINE, NINE.plus(Duration.ofHours(1)));
        TimeSlot halfPastNine = new TimeSlot(NINE.plus(Duration.ofMinutes(30)), NINE.plus(Duration.ofMinutes(90)));
        TimeSlot tenToEleven = new TimeSlot(NINE.plus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(2)));

        assertThat(nineToTen.overlaps(halfPastNine)).isTrue();
        assertThat(nineToTen.overlaps(tenToEleven)).as("back to back").isFalse();
        assertThat(nineToTen.withBufferAfter(Duration.ofMinutes(15)).overlaps(tenToEleven)).isTrue();
    }

    @Test
    void a_body_site_needs_a_muscle_and_a_side() {
        refused(() -> new BodySite(null, Side.LEFT, null), "site.muscle");
        refused(() -> new BodySite(Muscle.SOLEUS, null, null), "site.side");
        refused(() -> new BodySite(Muscle.SOLEUS, Side.LEFT, "x".repeat(61)), "site.region");
    }

    @Test
    void a_muscle_is_a_lower_case_code_and_the_vocabulary_can_grow() {
        assertThat(Muscle.vocabulary()).contains(Muscle.SOLEUS, Muscle.PLANTAR_FASCIA);
        assertThat(new Muscle("peroneus-longus").code()).isEqualTo("peroneus-longus");
        refused(() -> new Muscle("Soleus!"), "muscle");
    }

    @Test
    void a_dose_has_either_reps_or_a_hold_and_sane_bounds() {
        assertThat(new ExerciseDose(3, 15, null, 2, Frequency.DAY, 6).reps()).isEqualTo(15);
        refused(() -> new ExerciseDose(3, 15, 30, 2, Frequency.DAY, 6), "dose.reps");
        refused(() -> new ExerciseDose(3, null, null, 2, Frequency.DAY, 6), "dose.reps");
        refused(() -> new ExerciseDose(0, 15, null, 2, Frequency.DAY, 6), "dose.sets");
        refused(() -> new ExerciseDose(3, 15, null, 2, Frequency.DAY, 53), "dose.weeks");
        refused(() -> new ExerciseDose(3, null, 601, 2, Frequency.DAY, 6), "dose.holdSeconds");
    }

    @Test
    void an_id_is_a_uuid() {
        SessionId id = SessionId.random();
        assertThat(SessionId.of(id.toString())).isEqualTo(id);
        refused(() -> SessionId.of("not-a-uuid"), "sessionId");
        refused(() -> SessionId.of(null), "sessionId");
    }

    @Test
    void a_plan_lists_each_exercise_once() {
        ExerciseId raises = ExerciseId.random();
        PrescribedExercise once = new PrescribedExercise(raises, "Bent-knee calf raises",
                new ExerciseDose(3, 15, null, 2, Frequency.DAY, 6));

        refused(() -> new PlanAssigned(ContractSamples.PLAN, ContractSamples.CASE, ContractSamples.RUNNER,
                ContractSamples.THERAPIST, 1, List.of(once, once), NINE).check(), "exercises");
        refused(() -> new PlanAssigned(ContractSamples.PLAN, ContractSamples.CASE, ContractSamples.RUNNER,
                ContractSamples.THERAPIST, 1, List.of(), NINE).check(), "exercises");
    }

    @Test
    void invalid_json_values_are_refused_when_decoded_naming_the_field() {
        String json = "{\"assessmentId\":\"708192a3-6666-44b5-8a5b-6c7d8e9fa008\"," +
                "\"caseId\":\"6f708192-5555-43a4-9f4a-5b6c7d8e9f07\",\"sessionId\":\"5e6f7081-4444-4293-8e3f-4a5b6c7d8e06\"," +
                "\"clientId\":\"0f6b1c1e-5a3d-4c55-9d1e-7a1f2b3c4d01\",\"therapistId\":\"1a2b3c4d-0000-4e5f-8a9b-0c1d2e3f4a02\"," +
                "\"pain\":12,\"tightness\":\"MILD\",\"recordedAt\":\"2026-03-07T11:20:00Z\"}";

        refused(() -> EventCodec.standard().decode("io.soleus.treatment.AssessmentRecorded", 1,
                json.getBytes(StandardCharsets.UTF_8)), "pain");
    }

    @Test
    void a_time_slot_knows_its_length_and_its_start_is_required() {
        assertThat(new TimeSlot(NINE, NINE.plus(Duration.ofMinutes(45))).duration()).isEqualTo(Duration.ofMinutes(45));
        refused(() -> new TimeSlot(NINE, null), "slot.end");
    }

    @Test
    void a_body_site_region_is_optional_but_never_blank() {
        assertThat(new BodySite(Muscle.SOLEUS, Side.LEFT, null).region()).isNull();
        assertThat(new BodySite(Muscle.SOLEUS, Side.LEFT, "x".repeat(60)).region()).hasSize(60);
        refused(() -> new BodySite(Muscle.SOLEUS, Side.LEFT, " "), "site.region");
    }

    @Test
    void a_muscle_code_is_two_to_forty_one_characters_starting_with_a_letter() {
        assertThat(Muscle.vocabulary()).hasSize(8).doesNotHaveDuplicates();
        assertThat(Muscle.of("ab").code()).isEqualTo("ab");
        refused(() -> new Muscle("a"), "muscle");
        refused(() -> new Muscle("1soleus"), "muscle");
        refused(() -> new Muscle("a".repeat(42)), "muscle");
        refused(() -> new Muscle(null), "muscle");
    }

    @Test
    void a_working_finding_has_a_code_and_a_short_label() {
        assertThat(Finding.SOLEUS_MYOFASCIAL_PAIN.code()).isEqualTo("soleus-myofascial-pain");
        refused(() -> new Finding("Soleus pain", "Soleus pain"), "finding.code");
        refused(() -> new Finding(null, "Soleus pain"), "finding.code");
        refused(() -> new Finding("soleus-pain", " "), "finding.label");
        refused(() -> new Finding("soleus-pain", "x".repeat(121)), "finding.label");
    }

    @Test
    void every_number_of_a_dose_stays_within_its_bounds() {
        assertThat(new ExerciseDose(20, 200, null, 20, Frequency.WEEK, 52).sets()).isEqualTo(20);
        assertThat(new ExerciseDose(1, null, 1, 1, Frequency.DAY, 1).holdSeconds()).isEqualTo(1);
        refused(() -> new ExerciseDose(21, 15, null, 2, Frequency.DAY, 6), "dose.sets");
        refused(() -> new ExerciseDose(3, 0, null, 2, Frequency.DAY, 6), "dose.reps");
        refused(() -> new ExerciseDose(3, 201, null, 2, Frequency.DAY, 6), "dose.reps");
        refused(() -> new ExerciseDose(3, null, 0, 2, Frequency.DAY, 6), "dose.holdSeconds");
        refused(() -> new ExerciseDose(3, 15, null, 0, Frequency.DAY, 6), "dose.times");
        refused(() -> new ExerciseDose(3, 15, null, 21, Frequency.DAY, 6), "dose.times");
        refused(() -> new ExerciseDose(3, 15, null, 2, null, 6), "dose.per");
        refused(() -> new ExerciseDose(3, 15, null, 2, Frequency.DAY, 0), "dose.weeks");
    }

    @Test
    void a_pain_score_and_a_muscle_are_bare_values_in_json() throws Exception {
        ObjectMapper json = EventCodec.standard().mapper();

        assertThat(json.writeValueAsString(new PainScore(7))).isEqualTo("7");
        assertThat(json.readValue("7", PainScore.class)).isEqualTo(new PainScore(7));
        assertThat(json.writeValueAsString(Muscle.SOLEUS)).isEqualTo("\"soleus\"");
        assertThat(json.readValue("\"tibialis-posterior\"", Muscle.class)).isEqualTo(Muscle.TIBIALIS_POSTERIOR);
    }

    private static void refused(ThrowingCallable construction, String field) {
        assertThatThrownBy(construction)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }
}
