package io.soleus.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The deduplication horizon: the inbox forgets applied event ids after its retention (played here by
 * forgetting the copies' ids), and a copy that arrives later (a publisher's retry, a topic replayed) must still change nothing. Every row of this
 * service remembers the booking aggregate's sequence that last changed it, so an older copy can
 * neither bring back an old address nor move a reminder back to an old time, nor plan anything again.
 */
class LateCopiesTest extends NotificationsServiceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String GROUP = "notifications";

    @Test
    void copies_older_than_the_inbox_remembers_change_nothing_and_plan_nothing() {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId noor = ClientId.random();
        String oldAddress = NotificationFlowTest.address("noor");
        String newAddress = NotificationFlowTest.address("noor");
        DomainEventMessage<?> registered = Practice.booking().publish("Client", noor.toString(), new ClientRegistered(noor,
                "Noor Runner", oldAddress, null, Channel.EMAIL, true, "en", CLOCK.instant()));
        Practice.booking().publish("Client", noor.toString(), new ClientContactChanged(noor, "Noor Runner",
                newAddress, null, Channel.EMAIL, true, "en", CLOCK.instant()));
        SessionId session = SessionId.random();
        Instant ten = NotificationFlowTest.day(3).atTime(10, 0).atZone(LONDON).toInstant();
        await().atMost(Duration.ofSeconds(30)).until(() -> newAddress.equals(address(noor)));
        DomainEventMessage<?> booked = riverside.book(session, noor, "Follow-up treatment", ten);
        DomainEventMessage<?> movedToEleven = riverside.reschedule(session, ten.plus(Duration.ofHours(1)));
        riverside.reschedule(session, ten.plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminderDue(noor).equals(ten.plus(Duration.ofHours(2)).minus(Duration.ofHours(24))));
        long planned = jdbc.queryForObject("SELECT count(*) FROM notification WHERE client_id = ?", Long.class, noor.value());

        List<DomainEventMessage<?>> copies = List.of(registered, booked, movedToEleven);
        forget(copies);
        copies.forEach(Practice.booking()::resend);
        awaitHandledAgain(copies);

        assertThat(address(noor)).isEqualTo(newAddress);
        assertThat(reminderDue(noor)).isEqualTo(ten.plus(Duration.ofHours(2)).minus(Duration.ofHours(24)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE client_id = ?", Long.class, noor.value()))
                .as("nothing planned again").isEqualTo(planned);
    }

    /** The inbox forgets these events' ids, as it forgets every id older than its retention. */
    private void forget(List<DomainEventMessage<?>> events) {
        assertThat(jdbc.update("DELETE FROM kafka_inbox WHERE processing_group = ? AND event_id = ANY (?)",
                GROUP, ids(events))).isEqualTo(events.size());
    }

    /** Waits until the group has read the copies: the inbox records their ids again as it reads them. */
    private void awaitHandledAgain(List<DomainEventMessage<?>> copies) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM kafka_inbox WHERE processing_group = ? AND event_id = ANY (?)", Long.class,
                GROUP, ids(copies)) == copies.size());
    }

    private static String[] ids(List<DomainEventMessage<?>> events) {
        return events.stream().map(DomainEventMessage::getIdentifier).toArray(String[]::new);
    }

    private String address(ClientId client) {
        return jdbc.queryForList("SELECT email FROM recipient WHERE client_id = ?", String.class, client.value()).stream()
                .findFirst().orElse("");
    }

    private Instant reminderDue(ClientId client) {
        return jdbc.queryForList("SELECT due_at FROM notification WHERE client_id = ? AND kind = 'REMINDER' AND status = 'SCHEDULED'",
                OffsetDateTime.class, client.value()).stream().map(OffsetDateTime::toInstant).findFirst().orElse(Instant.EPOCH);
    }
}
