package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.soleus.kernel.Topics;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.platform.crypto.ClientKeys;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * A client's personal value in a dead letter: a cancellation whose handling failed is parked sealed,
 * as it is in the event store and on the topic; once the client is forgotten, the retried letter is
 * handled with the value erased, and nothing of it was ever in clear at rest.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class ForgottenInDeadLettersTest {

    static final String REASON = "Riley's private reason: a flare-up of her knee";
    static BridgeApp service;

    @BeforeAll
    static void start() {
        service = BridgeApp.start(SoleusInfrastructure.get().newDatabase("forgotten_letters"), "a",
                "spring.application.name=forgotten-letters", "soleus.crypto.enabled=true", "soleus.crypto.remembered=1s");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_parked_cancellation_keeps_its_reason_sealed_and_is_handled_with_it_erased_once_the_client_is_forgotten() {
        SessionId session = SessionId.random();
        ClientId riley = ClientId.random();
        SessionFeedProjection projection = service.bean(SessionFeedProjection.class);
        projection.poisoned.add(session.toString());
        SessionCancelled cancelled = new SessionCancelled(session, riley, Sessions.THERAPIST, Sessions.RIVERSIDE,
                CancelledBy.CLIENT, REASON, false, Instant.parse("2026-12-01T09:00:00Z"));
        List<DomainEventMessage<?>> events = List.of(
                new GenericDomainEventMessage<>("Session", session.toString(), 0, Sessions.event(session, 0)),
                new GenericDomainEventMessage<>("Session", session.toString(), 1, cancelled));
        service.bean(TransactionTemplate.class).executeWithoutResult(status -> service.bean(EventStore.class).publish(events));

        JdbcTemplate jdbc = service.jdbc();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'booking-feed' AND aggregate_identifier = ?",
                Long.class, session.toString()) == 2);
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM dead_letter_entry WHERE aggregate_identifier = ?",
                String.class, session.toString())).as("sealed in the dead letters").hasSize(2)
                .noneSatisfy(json -> assertThat(json).contains("flare-up"))
                .anySatisfy(json -> assertThat(json).contains("\"sealed\""));
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, session.toString())).as("sealed in the event store").noneSatisfy(json -> assertThat(json).contains("flare-up"));
        assertThat(TopicReader.readUntil(Topics.BOOKING, read -> read.stream().filter(record -> record.key()
                .equals(session.toString())).count() >= 2, Duration.ofSeconds(30)))
                .filteredOn(record -> record.key().equals(session.toString())).as("sealed on the topic").hasSize(2)
                .noneSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("flare-up"));

        service.bean(ClientKeys.class).forget(riley);
        projection.poisoned.clear();
        int port = ((WebServerApplicationContext) service.context).getWebServer().getPort();
        RestClient.builder().baseUrl("http://localhost:" + port).defaultHeader("Authorization", "Bearer " + TestTokens.admin())
                .build().post().uri("/admin/dead-letters/booking-feed/retry").retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(30)).until(() -> projection.reasonOf.containsKey(session.toString()));
        assertThat(projection.reasonOf.get(session.toString())).as("handled, with the reason erased").isEqualTo(Personal.ERASED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = ?", Long.class,
                session.toString())).isZero();
    }
}
