package io.soleus.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.id.AssessmentId;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdsTest {

    private static final String UUID_TEXT = "5e6f7081-4444-4293-8e3f-4a5b6c7d8e06";
    private static final ObjectMapper JSON = EventCodec.standard().mapper();

    /** One kind of typed id: the field it names when refused and its ways of being made. */
    record Kind(String field, Class<?> type, Function<String, Object> of, Function<UUID, Object> wrap,
                Supplier<Object> random) {

        @Override
        public String toString() {
            return field;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("clientId", ClientId.class, ClientId::of, ClientId::new, ClientId::random),
                new Kind("therapistId", TherapistId.class, TherapistId::of, TherapistId::new, TherapistId::random),
                new Kind("clinicId", ClinicId.class, ClinicId::of, ClinicId::new, ClinicId::random),
                new Kind("roomId", RoomId.class, RoomId::of, RoomId::new, RoomId::random),
                new Kind("sessionId", SessionId.class, SessionId::of, SessionId::new, SessionId::random),
                new Kind("sessionTypeId", SessionTypeId.class, SessionTypeId::of, SessionTypeId::new, SessionTypeId::random),
                new Kind("caseId", CaseId.class, CaseId::of, CaseId::new, CaseId::random),
                new Kind("assessmentId", AssessmentId.class, AssessmentId::of, AssessmentId::new, AssessmentId::random),
                new Kind("planId", PlanId.class, PlanId::of, PlanId::new, PlanId::random),
                new Kind("exerciseId", ExerciseId.class, ExerciseId::of, ExerciseId::new, ExerciseId::random));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_reads_back_from_its_text_which_is_the_bare_uuid(Kind kind) {
        Object id = kind.of().apply(UUID_TEXT);

        assertThat(id.toString()).isEqualTo(UUID_TEXT);
        assertThat(id).isEqualTo(kind.wrap().apply(UUID.fromString(UUID_TEXT)));
        assertThat(kind.random().get()).isNotEqualTo(kind.random().get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_that_is_not_a_uuid_is_refused_naming_the_id(Kind kind) {
        refused(() -> kind.of().apply("not-a-uuid"), kind.field());
        refused(() -> kind.of().apply(""), kind.field());
        refused(() -> kind.of().apply(null), kind.field());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_without_a_value_is_refused(Kind kind) {
        refused(() -> kind.wrap().apply(null), kind.field());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_id_is_a_bare_uuid_string_in_json(Kind kind) throws Exception {
        Object id = kind.of().apply(UUID_TEXT);

        assertThat(JSON.writeValueAsString(id)).isEqualTo("\"" + UUID_TEXT + "\"");
        assertThat(JSON.readValue("\"" + UUID_TEXT + "\"", kind.type())).isEqualTo(id);
    }

    private static void refused(ThrowingCallable construction, String field) {
        assertThatThrownBy(construction)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }
}
