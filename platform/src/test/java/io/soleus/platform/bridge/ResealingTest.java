package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.platform.crypto.ClientKeys;
import io.soleus.platform.crypto.Resealing;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-off job for events from before sealing began: a service that stored and published a
 * client's cancellation reason in clear copies its events to a new topic with every personal value
 * sealed (a forgotten client's as erased), and rewrites nothing in its event store.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class ResealingTest {

    static final String RILEYS = "Riley's reason: a flare-up of her knee";
    static final String CASEYS = "Casey's reason: a family matter";

    @Test
    void events_stored_in_clear_are_copied_to_a_new_topic_sealed_and_the_store_keeps_what_it_holds() throws Exception {
        String newTopic = "soleus.test.resealed." + UUID.randomUUID();
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("resealing");
        String[] settings = {"spring.application.name=resealing"};
        ClientId riley = ClientId.random();
        ClientId casey = ClientId.random();
        SessionId rileys = SessionId.random();
        SessionId caseys = SessionId.random();
        List<String> storedBefore;
        try (BridgeApp beforeSealing = BridgeApp.start(database, "a", settings)) {
            append(beforeSealing, rileys, riley, RILEYS);
            append(beforeSealing, caseys, casey, CASEYS);
            List<String> ours = List.of(rileys.toString(), caseys.toString());
            assertThat(TopicReader.readUntil(Topics.BOOKING, read -> read.stream().filter(record -> ours.contains(record.key()))
                    .count() >= 4, Duration.ofSeconds(30))).filteredOn(record -> ours.contains(record.key()))
                    .as("published in clear before sealing began")
                    .anySatisfy(record -> assertThat(text(record)).contains(RILEYS));
            storedBefore = stored(beforeSealing);
        }

        try (BridgeApp sealing = BridgeApp.start(database, "a", with(settings, "soleus.crypto.enabled=true"))) {
            sealing.bean(ClientKeys.class).forget(casey);

            long copied = sealing.bean(Resealing.class).copyTo(newTopic);

            assertThat(copied).isEqualTo(4);
            List<ConsumerRecord<String, byte[]>> copy = TopicReader.readUntil(newTopic, read -> read.size() >= 4,
                    Duration.ofSeconds(30));
            assertThat(copy).hasSize(4).noneSatisfy(record -> assertThat(text(record)).containsAnyOf(RILEYS, CASEYS));
            CloudEventMapping mapping = sealing.bean(CloudEventMapping.class);
            assertThat(reasonIn(copy, rileys, mapping)).as("sealed, and opened with Riley's key").isEqualTo(RILEYS);
            assertThat(reasonIn(copy, caseys, mapping)).as("Casey is forgotten").isEqualTo(Personal.ERASED);
            assertThat(stored(sealing)).as("the store rewritten in nothing").isEqualTo(storedBefore);
        }
    }

    private static void append(BridgeApp service, SessionId session, ClientId client, String reason) {
        SessionCancelled cancelled = new SessionCancelled(session, client, Sessions.THERAPIST, Sessions.RIVERSIDE,
                CancelledBy.CLIENT, reason, false, Instant.parse("2026-12-01T09:00:00Z"));
        List<DomainEventMessage<?>> events = List.of(
                new GenericDomainEventMessage<>("Session", session.toString(), 0, Sessions.event(session, 0)),
                new GenericDomainEventMessage<>("Session", session.toString(), 1, cancelled));
        service.bean(TransactionTemplate.class).executeWithoutResult(status -> service.bean(EventStore.class).publish(events));
    }

    private static List<String> stored(BridgeApp service) {
        return service.jdbc().queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry ORDER BY global_index",
                String.class);
    }

    private static String reasonIn(List<ConsumerRecord<String, byte[]>> records, SessionId session, CloudEventMapping mapping) {
        return records.stream().filter(record -> record.key().equals(session.toString()))
                .map(record -> mapping.toMessage(record, new GlobalSequenceTrackingToken(record.offset())).orElseThrow().getPayload())
                .filter(SessionCancelled.class::isInstance).map(SessionCancelled.class::cast)
                .findFirst().orElseThrow().reason();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String[] with(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }
}
