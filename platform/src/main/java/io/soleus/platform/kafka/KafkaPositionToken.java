package io.soleus.platform.kafka;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;

/**
 * How far a processor has read the Kafka topics: the offset of the last record consumed, per topic
 * partition. Lives in the consuming service's token store, so it commits in the same transaction as
 * the read model it fed. A partition without an entry has not been read yet and starts at its beginning.
 */
public final class KafkaPositionToken implements TrackingToken {

    private static final KafkaPositionToken EMPTY = new KafkaPositionToken(Map.of());

    /** Key {@code topic@partition}: a plain string keeps the token readable in the token store. */
    private final Map<String, Long> offsets;

    @JsonCreator
    public KafkaPositionToken(@JsonProperty("offsets") Map<String, Long> offsets) {
        this.offsets = Collections.unmodifiableMap(new TreeMap<>(offsets == null ? Map.of() : offsets));
    }

    /** The token before any record: every partition is read from its beginning. */
    public static KafkaPositionToken empty() {
        return EMPTY;
    }

    public static KafkaPositionToken of(Map<TopicPartition, Long> lastConsumed) {
        Map<String, Long> keyed = new TreeMap<>();
        lastConsumed.forEach((partition, offset) -> keyed.put(key(partition), offset));
        return new KafkaPositionToken(keyed);
    }

    @JsonGetter("offsets")
    public Map<String, Long> offsets() {
        return offsets;
    }

    /** The offset of the last record consumed from the partition, or -1 when none was. */
    public long lastConsumed(TopicPartition partition) {
        return offsets.getOrDefault(key(partition), -1L);
    }

    public KafkaPositionToken advancedTo(TopicPartition partition, long offset) {
        Map<String, Long> next = new TreeMap<>(offsets);
        next.put(key(partition), offset);
        return new KafkaPositionToken(next);
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        Map<String, Long> otherOffsets = offsetsOf(other);
        Map<String, Long> lower = new TreeMap<>();
        // a partition missing on either side has not been read there: the bound starts it from the beginning
        for (Map.Entry<String, Long> entry : offsets.entrySet()) {
            Long theirs = otherOffsets.get(entry.getKey());
            if (theirs != null) {
                lower.put(entry.getKey(), Math.min(entry.getValue(), theirs));
            }
        }
        return new KafkaPositionToken(lower);
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        Map<String, Long> upper = new TreeMap<>(offsets);
        offsetsOf(other).forEach((key, offset) -> upper.merge(key, offset, Math::max));
        return new KafkaPositionToken(upper);
    }

    @Override
    public boolean covers(TrackingToken other) {
        if (other == null) {
            return true;
        }
        for (Map.Entry<String, Long> entry : offsetsOf(other).entrySet()) {
            if (offsets.getOrDefault(entry.getKey(), -1L) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Records consumed over all partitions (offsets start at zero), comparable with the head's position. */
    @Override
    public OptionalLong position() {
        return OptionalLong.of(offsets.values().stream().mapToLong(offset -> offset + 1).sum());
    }

    static String key(TopicPartition partition) {
        return partition.topic() + "@" + partition.partition();
    }

    private static Map<String, Long> offsetsOf(TrackingToken token) {
        if (token == null) {
            return Map.of();
        }
        if (!(token instanceof KafkaPositionToken kafkaToken)) {
            throw new IllegalArgumentException("Not a Kafka position token: " + token.getClass().getName());
        }
        return kafkaToken.offsets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaPositionToken that && offsets.equals(that.offsets);
    }

    @Override
    public int hashCode() {
        return offsets.hashCode();
    }

    @Override
    public String toString() {
        return "KafkaPositionToken" + offsets;
    }
}
