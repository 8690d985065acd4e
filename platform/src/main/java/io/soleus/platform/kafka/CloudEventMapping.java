package io.soleus.platform.kafka;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;

/**
 * The wire format of a published event: record key = aggregate id, value = the contract's JSON,
 * headers in the CloudEvents Kafka binding (binary mode) plus the extensions below.
 *
 * <p>Axon calls the id of the message that caused an event its {@code correlationId} and the root
 * of the conversation its {@code traceId}; on the wire they are {@code causationid} and
 * {@code correlationid}, the names integrators know.
 */
public final class CloudEventMapping {

    public static final String CONTRACT_VERSION = "contractversion";
    public static final String AGGREGATE_TYPE = "aggregatetype";
    public static final String AGGREGATE_SEQUENCE = "aggregatesequence";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String TRACEPARENT = "traceparent";

    /** Metadata keys Axon's MessageOriginProvider uses. */
    static final String AXON_CAUSATION = "correlationId";
    static final String AXON_CORRELATION = "traceId";
    /** Metadata telling a consumer which record an event came from. */
    public static final String KAFKA_TOPIC = "kafkaTopic";
    public static final String KAFKA_PARTITION = "kafkaPartition";
    public static final String KAFKA_OFFSET = "kafkaOffset";

    private final EventCodec codec;
    private final URI source;

    public CloudEventMapping(EventCodec codec, URI source) {
        this.codec = codec;
        this.source = source;
    }

    public ProducerRecord<String, byte[]> toRecord(EventMessage<?> message, ContractType type) {
        String key = message instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : message.getIdentifier();
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withType(type.name())
                .withSource(source)
                .withTime(OffsetDateTime.ofInstant(message.getTimestamp(), ZoneOffset.UTC))
                .withSubject(key)
                .withData("application/json", codec.encode(message.getPayload()))
                .withExtension(CONTRACT_VERSION, type.version());
        if (message instanceof DomainEventMessage<?> domain) {
            if (domain.getType() != null) {
                event.withExtension(AGGREGATE_TYPE, domain.getType());
            }
            event.withExtension(AGGREGATE_SEQUENCE, domain.getSequenceNumber());
        }
        metaDataText(message, AXON_CORRELATION).ifPresent(id -> event.withExtension(CORRELATION_ID, id));
        metaDataText(message, AXON_CAUSATION).ifPresent(id -> event.withExtension(CAUSATION_ID, id));
        metaDataText(message, TRACEPARENT).ifPresent(trace -> event.withExtension(TRACEPARENT, trace));
        return KafkaMessageFactory.<String>createWriter(type.topic(), key).writeBinary(event.build());
    }

    /**
     * The Axon event a record carries, tracked by {@code token}; empty for a record that is not a
     * known contract (written by a newer producer), which consumers skip.
     */
    public Optional<TrackedEventMessage<?>> toMessage(ConsumerRecord<String, byte[]> record, TrackingToken token) {
        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
        int version = Integer.parseInt(String.valueOf(event.getExtension(CONTRACT_VERSION)));
        if (codec.typeNamed(event.getType()).filter(known -> known.version() >= version).isEmpty()) {
            return Optional.empty();
        }
        Object payload = codec.decode(event.getType(), version, event.getData().toBytes());

        Map<String, Object> metaData = new HashMap<>();
        putIfPresent(metaData, AXON_CORRELATION, event.getExtension(CORRELATION_ID));
        putIfPresent(metaData, AXON_CAUSATION, event.getExtension(CAUSATION_ID));
        putIfPresent(metaData, TRACEPARENT, event.getExtension(TRACEPARENT));
        metaData.put(KAFKA_TOPIC, record.topic());
        metaData.put(KAFKA_PARTITION, record.partition());
        metaData.put(KAFKA_OFFSET, record.offset());

        Object aggregateType = event.getExtension(AGGREGATE_TYPE);
        Object sequence = event.getExtension(AGGREGATE_SEQUENCE);
        Instant timestamp = event.getTime() == null ? Instant.ofEpochMilli(record.timestamp()) : event.getTime().toInstant();
        return Optional.of(new GenericTrackedDomainEventMessage<>(
                token,
                aggregateType == null ? null : aggregateType.toString(),
                record.key() == null ? event.getSubject() : record.key(),
                sequence == null ? 0L : Long.parseLong(sequence.toString()),
                new GenericMessage<>(event.getId(), payload, metaData),
                () -> timestamp));
    }

    /** The value of a header as text, for tests and diagnostics. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<String> metaDataText(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    private static void putIfPresent(Map<String, Object> metaData, String key, Object value) {
        if (value != null) {
            metaData.put(key, value.toString());
        }
    }
}
