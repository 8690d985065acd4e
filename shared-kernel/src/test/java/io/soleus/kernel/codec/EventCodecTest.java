package io.soleus.kernel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.kernel.ContractSamples;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.PainScore;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final EventCodec CODEC = EventCodec.standard();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOKED = "io.soleus.booking.SessionBooked";

    @Contract(type = "io.soleus.test.Stretched", version = 1)
    record Stretched(String note) {
    }

    @Contract(type = "io.soleus.test.Stretched", version = 1)
    record StretchedAgain(String note) {
    }

    @Test
    void the_standard_codec_puts_booking_events_on_the_booking_topic_and_treatment_events_on_the_treatment_topic() {
        Map<String, String> topics = CODEC.contracts().stream()
                .collect(Collectors.toMap(ContractType::name, ContractType::topic));

        assertThat(topics).hasSize(31);
        topics.forEach((name, topic) -> assertThat(topic).as(name)
                .isEqualTo(name.startsWith("io.soleus.booking.") ? Topics.BOOKING : Topics.TREATMENT));
        assertThat(topics.keySet()).allMatch(name -> name.startsWith("io.soleus.booking.")
                || name.startsWith("io.soleus.treatment."));
    }

    @Test
    void a_contract_is_known_by_its_class_and_by_its_wire_name() {
        ContractType booked = CODEC.typeOf(SessionBooked.class);

        assertThat(booked).isEqualTo(new ContractType(BOOKED, 3, 1, Topics.BOOKING, SessionBooked.class));
        assertThat(CODEC.typeNamed(BOOKED)).contains(booked);
        assertThat(CODEC.isContract(SessionBooked.class)).isTrue();
        assertThat(CODEC.isContract(PainScore.class)).isFalse();
        assertThat(CODEC.typeNamed("io.soleus.booking.SessionTeleported")).isEmpty();
    }

    @Test
    void a_class_that_is_no_contract_has_no_contract_type_and_is_not_encoded() {
        assertThatThrownBy(() -> CODEC.typeOf(String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CODEC.encode("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CODEC.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_list_of_contracts_cannot_be_changed_from_outside() {
        ContractType any = CODEC.contracts().iterator().next();

        assertThatThrownBy(() -> CODEC.contracts().remove(any)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void times_and_durations_are_iso_text_and_text_is_utf_8() throws Exception {
        TriggerPointTreated treated = (TriggerPointTreated) ContractSamples.all().get(TriggerPointTreated.class);
        ClientRegistered registered = (ClientRegistered) ContractSamples.all().get(ClientRegistered.class);
        ClientRegistered zoe = new ClientRegistered(registered.clientId(), "Zoë Läufer", registered.email(), null,
                registered.preferredChannel(), true, "de", registered.registeredAt());

        JsonNode json = JSON.readTree(CODEC.encode(treated));

        assertThat(json.get("duration").asText()).isEqualTo("PT1M30S");
        assertThat(json.get("treatedAt").asText()).isEqualTo("2026-03-07T11:35:00Z");
        assertThat(new String(CODEC.encode(zoe), StandardCharsets.UTF_8)).contains("\"name\":\"Zoë Läufer\"")
                .doesNotContain("phone");
    }

    @Test
    void the_mapper_handed_out_is_a_copy_with_the_same_settings() throws Exception {
        Object booked = ContractSamples.all().get(SessionBooked.class);
        ObjectMapper copy = CODEC.mapper();

        assertThat(JSON.readTree(copy.writeValueAsBytes(booked))).isEqualTo(JSON.readTree(CODEC.encode(booked)));
        copy.enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(JSON.readTree(CODEC.encode(booked)).get("bookedAt").isTextual()).isTrue();
    }

    @Test
    void json_that_is_not_an_event_is_refused_with_its_cause() {
        assertThatThrownBy(() -> CODEC.decode(BOOKED, 1, bytes("{not json")))
                .isInstanceOf(ContractDecodingException.class).hasCauseInstanceOf(Exception.class);
        assertThatThrownBy(() -> CODEC.decode(BOOKED, 1, bytes("[1, 2]")))
                .isInstanceOf(ContractDecodingException.class);
        assertThatThrownBy(() -> CODEC.decode(BOOKED, 1, null))
                .isInstanceOf(ContractDecodingException.class);
    }

    @Test
    void a_field_of_the_wrong_shape_is_refused_with_its_cause() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CODEC.encode(ContractSamples.all().get(SessionBooked.class)));
        json.put("bookedAt", "last tuesday");

        assertThatThrownBy(() -> CODEC.decode(BOOKED, 1, JSON.writeValueAsBytes(json)))
                .isInstanceOf(ContractDecodingException.class)
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void a_missing_required_field_is_refused_naming_the_field() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CODEC.encode(ContractSamples.all().get(SessionBooked.class)));
        json.remove("roomId");

        assertThatThrownBy(() -> CODEC.decode(BOOKED, 2, JSON.writeValueAsBytes(json)))
                .isInstanceOf(ContractDecodingException.class)
                .hasMessage(BOOKED + " has no roomId");
    }

    @Test
    void an_omittable_field_may_be_missing() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(CODEC.encode(ContractSamples.all().get(SessionBooked.class)));
        json.remove("therapistName");

        assertThat(((SessionBooked) CODEC.decode(BOOKED, 2, JSON.writeValueAsBytes(json))).therapistName()).isNull();
    }

    @Test
    void a_version_before_the_first_is_unknown() {
        assertThatThrownBy(() -> CODEC.decode(BOOKED, 0, bytes("{}"))).isInstanceOf(UnknownContractException.class);
    }

    @Test
    void two_contracts_with_one_wire_name_are_refused() {
        assertThatThrownBy(() -> EventCodec.builder().register(Stretched.class, "test")
                .register(StretchedAgain.class, "test").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io.soleus.test.Stretched");
    }

    @Test
    void a_record_without_a_contract_annotation_cannot_be_registered() {
        assertThatThrownBy(() -> EventCodec.builder().register(PainScore.class, "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_upcaster_for_an_unknown_contract_or_a_version_never_read_is_refused() {
        assertThatThrownBy(() -> EventCodec.builder().register(Stretched.class, "test")
                .upcaster(upcaster("io.soleus.test.Unheard", 1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("io.soleus.test.Unheard");
        assertThatThrownBy(() -> EventCodec.builder().register(Stretched.class, "test")
                .upcaster(upcaster("io.soleus.test.Stretched", 1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never used");
    }

    private static Upcaster upcaster(String type, int from) {
        return Upcaster.of(type, from, json -> json);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
