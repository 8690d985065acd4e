package io.soleus.platform.health;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.soleus.platform.kafka.KafkaBridgeAutoConfiguration;
import io.soleus.platform.kafka.KafkaBridgeProperties;
import io.soleus.platform.kafka.KafkaPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Health of the bridge (Kafka reachable, processors running and progressing) and its lag gauges. */
@AutoConfiguration(after = KafkaBridgeAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    @Bean
    ProcessorMonitor processorMonitor(EventProcessingConfiguration processing, EventStore eventStore, Admin admin,
                                      KafkaBridgeProperties properties) {
        return new ProcessorMonitor(processing, eventStore, admin, properties, Clock.systemUTC());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin admin) {
        return () -> {
            try {
                int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                return Health.up().withDetail("brokers", nodes).build();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Health.down().withDetail("reason", "Kafka did not answer within 3 s").build();
            }
        };
    }

    @Bean
    HealthIndicator eventProcessorsHealthIndicator(ProcessorMonitor monitor) {
        return () -> {
            Health.Builder health = Health.up();
            for (ProcessorMonitor.ProcessorState state : monitor.states()) {
                if (!state.running() || state.error() || state.stuck()) {
                    health.down();
                }
                health.withDetail(state.name(), Map.of(
                        "running", state.running(),
                        "error", state.error(),
                        "stuck", state.stuck(),
                        "claimedSegments", state.claimedSegments(),
                        "lag", state.lag(),
                        // parked events wait for an admin's retry; the processor itself goes on
                        "deadLetters", state.deadLetters()));
            }
            return health.build();
        };
    }

    /**
     * {@code soleus.kafka.publish.lag} and {@code soleus.kafka.consume.lag{processor}}, in events, and
     * {@code soleus.kafka.dead.letters{processor}}, the events a Kafka-fed processor has parked.
     */
    @Bean
    SmartInitializingSingleton kafkaLagGauges(ProcessorMonitor monitor, MeterRegistry registry,
                                              KafkaBridgeProperties properties) {
        return () -> {
            if (properties.getPublisher().getTopic() != null) {
                Gauge.builder("soleus.kafka.publish.lag", monitor,
                                m -> m.lagOf(KafkaPublisher.PROCESSING_GROUP).orElse(-1))
                        .description("Events in the store the publisher has not yet published")
                        .register(registry);
            }
            properties.getConsumers().keySet().forEach(group ->
                    Gauge.builder("soleus.kafka.consume.lag", monitor, m -> m.lagOf(group).orElse(-1))
                            .tag("processor", group)
                            .description("Records on the topics this processor has not yet handled")
                            .register(registry));
            properties.getConsumers().keySet().forEach(group ->
                    Gauge.builder("soleus.kafka.dead.letters", monitor, m -> m.deadLettersOf(group))
                            .tag("processor", group)
                            .description("Events this processor parked: unreadable records, failed handlers and what waits behind them")
                            .register(registry));
        };
    }
}
