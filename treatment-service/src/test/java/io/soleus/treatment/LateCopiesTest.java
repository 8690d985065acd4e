package io.soleus.treatment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.test.TopicWriter;
import io.soleus.treatment.booking.BookingFacts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deduplication horizon: the inbox forgets applied event ids after its retention (played here by
 * forgetting the copies' ids), and a copy of an older booking event that arrives later (a publisher's retry, a replayed topic) changes nothing,
 * because what treatment knows of booking remembers the aggregate sequence that last changed it.
 */
@TreatmentServiceTest
class LateCopiesTest {

    private static final Instant TEN = TreatmentServiceTest.NOW.minus(Duration.ofDays(2));

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void copies_older_than_the_inbox_remembers_neither_move_a_session_back_nor_rename_a_client() {
        try (TopicWriter booking = new TopicWriter("/booking-service")) {
            ClientId client = ClientId.random();
            TherapistId maya = TherapistId.random();
            ClinicId riverside = ClinicId.random();
            SessionId session = SessionId.random();
            DomainEventMessage<?> registered = booking.publish("Client", client.toString(), new ClientRegistered(client,
                    "Sam Hughes", "sam@example.org", null, Channel.EMAIL, true, "en", TEN));
            booking.publish("Client", client.toString(), new ClientContactChanged(client, "Sam Hughes-Okafor",
                    "sam@example.org", null, Channel.EMAIL, true, "en", TEN));
            DomainEventMessage<?> booked = booking.publish("Session", session.toString(), new SessionBooked(session, client,
                    maya, "Maya Lindqvist", riverside, RoomId.random(), SessionTypeId.random(), "Follow-up treatment",
                    slot(TEN), "Europe/London", TEN.minus(Duration.ofDays(7))));
            DomainEventMessage<?> movedToEleven = booking.publish("Session", session.toString(), new SessionRescheduled(
                    session, client, maya, riverside, RoomId.random(), slot(TEN), slot(TEN.plus(Duration.ofHours(1))), TEN));
            booking.publish("Session", session.toString(), new SessionRescheduled(session, client, maya, riverside,
                    RoomId.random(), slot(TEN.plus(Duration.ofHours(1))), slot(TEN.plus(Duration.ofHours(2))), TEN));
            booking.publish("Session", session.toString(), new SessionAttended(session, client, maya, riverside,
                    TEN.plus(Duration.ofHours(2))));
            await().atMost(Duration.ofSeconds(30)).until(() -> "ATTENDED".equals(session(session).get("status"))
                    && "Sam Hughes-Okafor".equals(name(client)));
            Map<String, Object> before = session(session);

            List<DomainEventMessage<?>> copies = List.of(registered, booked, movedToEleven);
            forget(copies);
            copies.forEach(booking::resend);
            awaitHandledAgain(copies);

            assertThat(session(session)).isEqualTo(before);
            assertThat(((Timestamp) before.get("starts_at")).toInstant()).isEqualTo(TEN.plus(Duration.ofHours(2)));
            assertThat(name(client)).isEqualTo("Sam Hughes-Okafor");
        }
    }

    /** The inbox forgets these events' ids, as it forgets every id older than its retention. */
    private void forget(List<DomainEventMessage<?>> events) {
        assertThat(jdbc.update("DELETE FROM kafka_inbox WHERE processing_group = ? AND event_id = ANY (?)",
                BookingFacts.GROUP, ids(events))).isEqualTo(events.size());
    }

    /** Waits until the group has read the copies: the inbox records their ids again as it reads them. */
    private void awaitHandledAgain(List<DomainEventMessage<?>> copies) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM kafka_inbox WHERE processing_group = ? AND event_id = ANY (?)", Long.class,
                BookingFacts.GROUP, ids(copies)) == copies.size());
    }

    private static String[] ids(List<DomainEventMessage<?>> events) {
        return events.stream().map(DomainEventMessage::getIdentifier).toArray(String[]::new);
    }

    private Map<String, Object> session(SessionId session) {
        return jdbc.queryForList("SELECT * FROM booking_session WHERE session_id = ?", session.value()).stream()
                .findFirst().orElse(Map.of());
    }

    private String name(ClientId client) {
        return jdbc.queryForList("SELECT name FROM booking_client WHERE client_id = ?", String.class, client.value()).stream()
                .findFirst().orElse(null);
    }

    private static TimeSlot slot(Instant start) {
        return new TimeSlot(start, start.plus(Duration.ofMinutes(45)));
    }
}
