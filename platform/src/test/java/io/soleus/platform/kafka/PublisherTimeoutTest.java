package io.soleus.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A batch waits for Kafka for half a segment's claim at most, so the claim cannot lapse while it waits. */
class PublisherTimeoutTest {

    @Test
    void the_wait_for_acknowledgements_is_half_the_claim_timeout_and_never_more_than_a_minute() {
        assertThat(KafkaBridgeAutoConfiguration.acknowledgeTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(KafkaBridgeAutoConfiguration.acknowledgeTimeout(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(1500));
        assertThat(KafkaBridgeAutoConfiguration.acknowledgeTimeout(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(1));
    }
}
