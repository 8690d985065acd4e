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
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.platform.kafka.CloudEventMapping;
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
        for (String topic : List.of(io.soleus.kernel.Topics.BOOKING, io.soleus.kernel.Topics.TREATMENT)) {
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
