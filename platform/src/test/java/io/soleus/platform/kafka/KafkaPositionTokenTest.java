package io.soleus.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class KafkaPositionTokenTest {

    private static final TopicPartition P0 = new TopicPartition("soleus.booking.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("soleus.booking.v1", 1);

    private final KafkaPositionToken early = KafkaPositionToken.of(Map.of(P0, 4L, P1, 9L));
    private final KafkaPositionToken late = KafkaPositionToken.of(Map.of(P0, 7L, P1, 2L));

    @Test
    void the_lower_bound_takes_the_earlier_offset_per_partition() {
        assertThat(early.lowerBound(late)).isEqualTo(KafkaPositionToken.of(Map.of(P0, 4L, P1, 2L)));
    }

    @Test
    void a_partition_unread_on_one_side_is_read_from_its_beginning_in_the_lower_bound() {
        KafkaPositionToken onlyP0 = KafkaPositionToken.of(Map.of(P0, 7L));

        assertThat(((KafkaPositionToken) early.lowerBound(onlyP0)).lastConsumed(P1)).isEqualTo(-1);
    }

    @Test
    void the_upper_bound_takes_the_later_offset_per_partition() {
        assertThat(early.upperBound(late)).isEqualTo(KafkaPositionToken.of(Map.of(P0, 7L, P1, 9L)));
    }

    @Test
    void a_token_covers_another_only_when_it_is_at_or_past_it_on_every_partition() {
        assertThat(early.covers(late)).isFalse();
        assertThat(late.covers(early)).isFalse();
        assertThat(early.upperBound(late).covers(early)).isTrue();
        assertThat(early.covers(KafkaPositionToken.empty())).isTrue();
        assertThat(KafkaPositionToken.empty().covers(early)).isFalse();
    }

    @Test
    void the_position_counts_the_records_consumed() {
        assertThat(early.position()).hasValue(5 + 10);
        assertThat(KafkaPositionToken.empty().position()).hasValue(0);
    }

    @Test
    void advancing_moves_one_partition_only() {
        KafkaPositionToken advanced = early.advancedTo(P1, 10);

        assertThat(advanced.lastConsumed(P0)).isEqualTo(4);
        assertThat(advanced.lastConsumed(P1)).isEqualTo(10);
        assertThat(early.lastConsumed(P1)).isEqualTo(9);
    }

    @Test
    void the_token_survives_the_token_store_serializer_also_inside_a_replay_token() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        TrackingToken replay = ReplayToken.createReplayToken(late, early);

        SerializedObject<byte[]> plain = serializer.serialize(early, byte[].class);
        SerializedObject<byte[]> wrapped = serializer.serialize(replay, byte[].class);

        assertThat((Object) serializer.deserialize(plain)).isEqualTo(early);
        assertThat((Object) serializer.deserialize(wrapped)).isEqualTo(replay);
    }
}
