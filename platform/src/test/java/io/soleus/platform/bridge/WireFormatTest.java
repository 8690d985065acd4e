package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.ContractSamples;
import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.Upcaster;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.UnreadableRecord;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pins what integrators see on the topics: for one event of every contract, the record key, the
 * exact CloudEvents headers, and the JSON value equal to the contract's golden file.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class WireFormatTest {

    private static final EventCodec CODEC = EventCodec.standard();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-07T09:15:30Z");

    @Test
    void every_contract_has_a_pinned_key_header_set_and_json_value() throws IOException {
        CloudEventMapping mapping = new CloudEventMapping(CODEC, URI.create("/soleus/booking-service"));
        for (Map.Entry<Class<?>, Object> sample : ContractSamples.all().entrySet()) {
            ContractType type = CODEC.typeOf(sample.getKey());
            DomainEventMessage<?> message = pinnedMessage(sample.getValue(), 4);

            ProducerRecord<String, byte[]> record = mapping.toRecord(message, type);

            assertThat(record.topic()).isEqualTo(type.topic());
            assertThat(record.key()).isEqualTo("8b0c2d4e-1111-4a5b-9c3d-000000000001");
            assertThat(headers(record.headers())).isEqualTo(expectedHeaders(type, 4));
            assertThat(JSON.readTree(record.value())).as(type.name()).isEqualTo(golden(type));
        }
    }

    @Test
    void the_publisher_puts_exactly_that_format_on_both_topics() throws IOException {
        for (String topic : List.of(Topics.BOOKING, Topics.TREATMENT)) {
            List<ContractType> types = CODEC.contracts().stream().filter(type -> type.topic().equals(topic)).toList();
            try (BridgeApp app = BridgeApp.start(SoleusInfrastructure.get().newDatabase("wire"), "a",
                    "soleus.kafka.publisher.topic=" + topic, "soleus.kafka.source=/soleus/booking-service")) {
                List<String> eventIds = new ArrayList<>();
                TransactionTemplate transaction = app.bean(TransactionTemplate.class);
                for (ContractType type : types) {
                    DomainEventMessage<?> message = freshMessage(ContractSamples.all().get(type.javaType()));
                    eventIds.add(message.getIdentifier());
                    transaction.executeWithoutResult(status -> app.bean(EventStore.class).publish(message));
                }
                List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(topic,
                        read -> read.stream().filter(r -> eventIds.contains(id(r))).count() >= eventIds.size(),
                        Duration.ofSeconds(60)).stream().filter(r -> eventIds.contains(id(r))).toList();

                assertThat(records).hasSize(types.size());
                for (ConsumerRecord<String, byte[]> record : records) {
                    ContractType type = CODEC.typeNamed(CloudEventMapping.header(record, "ce_type").orElseThrow()).orElseThrow();
                    Map<String, String> headers = headers(record.headers());
                    assertThat(headers.keySet()).isEqualTo(expectedHeaders(type, 0).keySet());
                    assertThat(headers).containsEntry("ce_subject", record.key())
                            .containsEntry("ce_source", "/soleus/booking-service")
                            .containsEntry("ce_aggregatesequence", "0");
                    assertThat(JSON.readTree(record.value())).as(type.name()).isEqualTo(golden(type));
                }
            }
        }
    }

    /** A consumer built before version 2 of the booking: it knows version 1 only. */
    @Contract(type = "io.soleus.booking.SessionBooked", version = 1)
    record SessionBookedAsFirstWritten(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                                       RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName, TimeSlot slot,
                                       String clinicTimeZone, Instant bookedAt) {
    }

    @Contract(type = "io.soleus.booking.SessionBooked", version = 4)
    record SessionBookedOfTheFuture(SessionId sessionId, String therapistDisplayName) {
    }

    @Test
    void a_booking_of_version_two_reaches_a_consumer_of_version_one_as_version_one_and_one_of_version_two_as_two() {
        SessionBooked booked = (SessionBooked) ContractSamples.all().get(SessionBooked.class);
        ConsumerRecord<String, byte[]> record = asConsumed(
                new CloudEventMapping(CODEC, URI.create("/soleus/booking-service")).toRecord(pinnedMessage(booked, 0),
                        CODEC.typeOf(SessionBooked.class)));
        EventCodec firstWritten = EventCodec.builder().register(SessionBookedAsFirstWritten.class, Topics.BOOKING).build();

        Object asV1 = new CloudEventMapping(firstWritten, URI.create("/soleus/old-consumer")).toMessage(record, null)
                .orElseThrow().getPayload();
        Object asV2 = new CloudEventMapping(CODEC, URI.create("/soleus/new-consumer")).toMessage(record, null)
                .orElseThrow().getPayload();

        assertThat(asV1).isEqualTo(new SessionBookedAsFirstWritten(booked.sessionId(), booked.clientId(),
                booked.therapistId(), booked.clinicId(), booked.roomId(), booked.sessionTypeId(), booked.sessionTypeName(),
                booked.slot(), booked.clinicTimeZone(), booked.bookedAt()));
        assertThat(asV2).isEqualTo(booked);
    }

    @Test
    void a_version_that_older_readers_cannot_read_comes_as_an_unreadable_record_saying_why() {
        EventCodec future = EventCodec.builder().register(SessionBookedOfTheFuture.class, Topics.BOOKING)
                .upcaster(upcaster(1)).upcaster(upcaster(2)).upcaster(upcaster(3)).build();
        SessionBookedOfTheFuture booked = new SessionBookedOfTheFuture(SessionId.random(), "Maya L.");
        ConsumerRecord<String, byte[]> record = asConsumed(new CloudEventMapping(future, URI.create("/soleus/booking-service"))
                .toRecord(pinnedMessage(booked, 0), future.typeOf(SessionBookedOfTheFuture.class)));

        Object read = new CloudEventMapping(CODEC, URI.create("/soleus/consumer")).toMessage(record, null).orElseThrow().getPayload();

        assertThat(read).isInstanceOfSatisfying(UnreadableRecord.class, unreadable -> assertThat(unreadable.reason())
                .isEqualTo("UnreadableRecordException: io.soleus.booking.SessionBooked v4 is newer than v3, the newest this service reads"));
    }

    @Test
    void a_record_whose_aggregate_sequence_is_no_number_comes_as_an_unreadable_record_saying_why() {
        ProducerRecord<String, byte[]> produced = new CloudEventMapping(CODEC, URI.create("/soleus/booking-service"))
                .toRecord(pinnedMessage(ContractSamples.all().get(SessionBooked.class), 0), CODEC.typeOf(SessionBooked.class));
        produced.headers().remove("ce_aggregatesequence");
        produced.headers().add("ce_aggregatesequence", "seven".getBytes(StandardCharsets.UTF_8));

        Object read = new CloudEventMapping(CODEC, URI.create("/soleus/consumer")).toMessage(asConsumed(produced), null)
                .orElseThrow().getPayload();

        assertThat(read).isInstanceOfSatisfying(UnreadableRecord.class, unreadable -> assertThat(unreadable.reason())
                .isEqualTo("UnreadableRecordException: io.soleus.booking.SessionBooked with an aggregate sequence that is no number"));
    }

    private static Upcaster upcaster(int from) {
        return Upcaster.of("io.soleus.booking.SessionBooked", from, json -> json);
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> produced) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(produced.topic(), 0, 0L, produced.key(), produced.value());
        produced.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    private static DomainEventMessage<?> pinnedMessage(Object payload, long sequence) {
        Map<String, Object> metaData = new LinkedHashMap<>();
        metaData.put("traceId", "3f1e5a7c-0000-4000-8000-00000000c0de");
        metaData.put("correlationId", "3f1e5a7c-0000-4000-8000-0000000ca05e");
        return new GenericDomainEventMessage<>("Session", "8b0c2d4e-1111-4a5b-9c3d-000000000001", sequence,
                new GenericMessage<>("5d2c1b0a-2222-4c3b-8a19-0000000000e1", payload, MetaData.from(metaData)), () -> AT);
    }

    private static DomainEventMessage<?> freshMessage(Object payload) {
        return new GenericDomainEventMessage<>("Session", UUID.randomUUID().toString(), 0,
                new GenericMessage<>(UUID.randomUUID().toString(), payload, Map.of(
                        "traceId", UUID.randomUUID().toString(), "correlationId", UUID.randomUUID().toString())),
                () -> AT);
    }

    /** The header set integrators rely on; changing it is a breaking change of the wire format. */
    private static Map<String, String> expectedHeaders(ContractType type, long sequence) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "5d2c1b0a-2222-4c3b-8a19-0000000000e1");
        headers.put("ce_source", "/soleus/booking-service");
        headers.put("ce_type", type.name());
        headers.put("content-type", "application/json");
        headers.put("ce_subject", "8b0c2d4e-1111-4a5b-9c3d-000000000001");
        headers.put("ce_time", "2026-03-07T09:15:30Z");
        headers.put("ce_contractversion", String.valueOf(type.version()));
        if (type.readableAs() < type.version()) {
            headers.put("ce_readableas", String.valueOf(type.readableAs()));
        }
        headers.put("ce_aggregatetype", "Session");
        headers.put("ce_aggregatesequence", String.valueOf(sequence));
        headers.put("ce_correlationid", "3f1e5a7c-0000-4000-8000-00000000c0de");
        headers.put("ce_causationid", "3f1e5a7c-0000-4000-8000-0000000ca05e");
        return headers;
    }

    private static Map<String, String> headers(Iterable<Header> headers) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Header header : headers) {
            values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        return CloudEventMapping.header(record, "ce_id").orElse("");
    }

    private static JsonNode golden(ContractType type) throws IOException {
        String path = "/contracts/" + type.name() + "/v" + type.version() + ".json";
        try (InputStream in = WireFormatTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file " + path).isNotNull();
            return JSON.readTree(in);
        }
    }
}
