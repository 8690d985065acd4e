package io.soleus.notifications;

import java.time.Duration;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reading both topics again from the start (a token reset) plans nothing new and sends nothing again. */
class ReplayTest extends NotificationsServiceTest {

    @Autowired
    EventProcessingConfiguration processing;


    @Test
    void a_replay_of_every_event_sends_nothing_twice() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = NotificationFlowTest.address("rio");
        ClientId client = riverside.client("Rio Banks", email, null, Channel.EMAIL);
        awaitRecipient(client);
        SessionId kept = SessionId.random();
        SessionId cancelled = SessionId.random();
        riverside.book(kept, client, "Follow-up treatment", CLOCK.instant().plus(Duration.ofDays(3)));
        riverside.book(cancelled, client, "Sports massage", CLOCK.instant().plus(Duration.ofDays(4)));
        // both confirmations go out before the changes (a confirmation still waiting when its session is cancelled is not sent)
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(client.value(), "CONFIRMATION").stream()
                .filter(row -> "SENT".equals(row.get("status"))).count() == 2);
        riverside.reschedule(kept, CLOCK.instant().plus(Duration.ofDays(5)));
        riverside.cancel(cancelled, CancelledBy.CLIENT, false, "Away");
        awaitStatus(client.value(), "CANCELLATION", "SENT");
        awaitStatus(client.value(), "RESCHEDULE", "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 4);
        String before = deliveryState(client);

        StreamingEventProcessor planner = processing.eventProcessor("notifications", StreamingEventProcessor.class)
                .orElseThrow();
        planner.shutDown();
        planner.resetTokens();
        // what only a replay brings back, so its return shows every event of this client was handled again
        String sessions = sessions(kept, cancelled);
        jdbc.update("DELETE FROM recipient WHERE client_id = ?", client.value());
        jdbc.update("DELETE FROM session WHERE client_id = ?", client.value());
        planner.start();
        awaitRecipient(client);
        await().atMost(Duration.ofSeconds(60)).until(() -> sessions(kept, cancelled).equals(sessions));

        assertThat(deliveryState(client)).isEqualTo(before);
        assertThat(Mailbox.to(email)).hasSize(4);
    }

    private String sessions(SessionId... sessions) {
        return String.join("\n", java.util.Arrays.stream(sessions).map(session -> jdbc.queryForList(
                "SELECT starts_at || ' ' || status FROM session WHERE session_id = ?", String.class, session.value())
                .toString()).toList());
    }

    /** The client's notifications with what decides their delivery: ids, kinds, channels, due times, statuses. */
    private String deliveryState(ClientId client) {
        return String.join("\n", jdbc.queryForList("""
                SELECT notification_id || ' ' || kind || ' ' || channel || ' ' || due_at || ' '
                    || CASE WHEN status IN ('SCHEDULED', 'RETRYING', 'SENDING') THEN 'PENDING' ELSE status END
                FROM notification WHERE client_id = ? ORDER BY notification_id""", String.class, client.value()));
    }
}
