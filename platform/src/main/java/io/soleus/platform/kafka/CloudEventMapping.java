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
import io.soleus.kernel.codec.PersonalData;
import io.soleus.platform.tracing.Traces;
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
    /** The oldest version of the contract whose readers can read the record; written when older than its version. */
    public static final String READABLE_AS = "readableas";
    public static final String AGGREGATE_TYPE = "aggregatetype";
    public static final String AGGREGATE_SEQUENCE = "aggregatesequence";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    /** W3C trace context of the request that caused the event (the event's metadata of that name). */
    public static final String TRACEPARENT = Traces.TRACEPARENT;

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
        if (type.readableAs() < type.version()) {
            event.withExtension(READABLE_AS, type.readableAs());
        }
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
     * The Axon event a record carries, tracked by {@code token}, read as the version this service
     * knows: an older version is upcast, a newer one that says it is readable as the known version is
     * read as that. A record this service cannot read (a newer version it cannot read, or a malformed
     * record) comes as an {@link UnreadableRecord} in its place, to be parked, never dropped. Empty
     * only for a contract this service has never heard of, which none of its handlers can ask for.
     */
    public Optional<TrackedEventMessage<?>> toMessage(ConsumerRecord<String, byte[]> record, TrackingToken token) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException notACloudEvent) {
            UnreadableRecord unreadable = new UnreadableRecord(null, null, null, record.topic(), record.partition(),
                    record.offset(), "not a CloudEvent (" + notACloudEvent.getClass().getSimpleName() + ")", record.value());
            return Optional.of(message(record, token, null, unreadable, Map.of()));
        }
        if (codec.typeNamed(event.getType()).isEmpty()) {
            return Optional.empty();
        }
        Integer version = number(event.getExtension(CONTRACT_VERSION));
        Integer readableAs = number(event.getExtension(READABLE_AS));
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        Object payload;
        try {
            Object sequence = event.getExtension(AGGREGATE_SEQUENCE);
            if (sequence != null && sequenceOf(sequence) < 0) {
                // handlers apply an aggregate's events in sequence: one without a usable sequence cannot be placed
                throw new UnreadableRecordException(event.getType() + " with an aggregate sequence that is no number");
            }
            payload = decode(event.getType(), version, readableAs, data);
        } catch (PersonalData.KeyNotYetAvailable notYet) {
            throw notYet; // readable in a moment: the record is read again, not parked
        } catch (RuntimeException unreadable) {
            payload = new UnreadableRecord(event.getType(), version, readableAs, record.topic(), record.partition(),
                    record.offset(), reason(unreadable), data);
        }
        Map<String, Object> metaData = new HashMap<>();
        putIfPresent(metaData, AXON_CORRELATION, event.getExtension(CORRELATION_ID));
        putIfPresent(metaData, AXON_CAUSATION, event.getExtension(CAUSATION_ID));
        putIfPresent(metaData, TRACEPARENT, event.getExtension(TRACEPARENT));
        return Optional.of(message(record, token, event, payload, metaData));
    }

    /** The event an unreadable record holds, if this service can read it now (e.g. after an upgrade). */
    public Object decode(UnreadableRecord record) {
        if (record.type() == null) {
            throw new UnreadableRecordException(record.reason());
        }
        try {
            return decode(record.type(), record.version(), record.readableAs(), record.data());
        } catch (UnreadableRecordException | PersonalData.KeyNotYetAvailable stillUnreadable) {
            throw stillUnreadable;
        } catch (RuntimeException stillUnreadable) {
            throw new UnreadableRecordException(reason(stillUnreadable));
        }
    }

    private Object decode(String type, Integer version, Integer readableAs, byte[] data) {
        ContractType known = codec.typeNamed(type)
                .orElseThrow(() -> new UnreadableRecordException(type + " is no contract this service knows"));
        if (version == null) {
            throw new UnreadableRecordException(type + " without a contract version");
        }
        int readAs = version;
        if (version > known.version()) {
            if (readableAs == null || readableAs > known.version()) {
                throw new UnreadableRecordException(type + " v" + version + " is newer than v" + known.version()
                        + ", the newest this service reads" + (readableAs == null ? "" : ", and readable only as v" + readableAs));
            }
            readAs = known.version();
        }
        return codec.decode(type, readAs, data);
    }

    /** Why a record cannot be read: the codec's words, which name fields and versions but never values. */
    private static String reason(RuntimeException unreadable) {
        return unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage();
    }

    /** The aggregate sequence a record says, or -1 if it is no number of zero or more. */
    private static long sequenceOf(Object extension) {
        try {
            return Math.max(-1, Long.parseLong(extension.toString()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Integer number(Object extension) {
        if (extension == null) {
            return null;
        }
        try {
            return Integer.valueOf(extension.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TrackedEventMessage<?> message(ConsumerRecord<String, byte[]> record, TrackingToken token,
                                                  CloudEvent event, Object payload, Map<String, Object> extra) {
        Map<String, Object> metaData = new HashMap<>(extra);
        metaData.put(KAFKA_TOPIC, record.topic());
        metaData.put(KAFKA_PARTITION, record.partition());
        metaData.put(KAFKA_OFFSET, record.offset());
        Object aggregateType = event == null ? null : event.getExtension(AGGREGATE_TYPE);
        Object sequence = event == null ? null : event.getExtension(AGGREGATE_SEQUENCE);
        Instant timestamp = event == null || event.getTime() == null
                ? Instant.ofEpochMilli(record.timestamp()) : event.getTime().toInstant();
        String id = event != null ? event.getId() : record.topic() + "-" + record.partition() + "@" + record.offset();
        String key = record.key() != null ? record.key() : event != null ? event.getSubject() : id;
        return new GenericTrackedDomainEventMessage<>(
                token,
                aggregateType == null ? null : aggregateType.toString(),
                key,
                sequence == null ? 0L : Math.max(0, sequenceOf(sequence)),
                new GenericMessage<>(id, payload, metaData),
                () -> timestamp);
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
