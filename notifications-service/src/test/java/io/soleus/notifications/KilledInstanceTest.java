package io.soleus.notifications;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an instance killed in the middle of a delivery leaves behind: the notification marked
 * {@code SENDING} and its db-scheduler execution picked by an instance whose heartbeat stopped. The
 * surviving instance finds the execution dead and runs it again: a mail becomes {@code UNCERTAIN},
 * never sent twice; a text is sent again under the same idempotency key, for the provider to drop
 * the copy if the first one got through.
 */
// heartbeats every second, so a stopped one is noticed within seconds
@TestPropertySource(properties = "db-scheduler.heartbeat-interval=PT1S")
class KilledInstanceTest extends NotificationsServiceTest {

    @Test
    void a_mail_that_was_being_sent_by_a_killed_instance_becomes_uncertain_and_a_text_is_completed() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = NotificationFlowTest.address("kai");
        String phone = "+44 7700 7" + (100000 + (int) (Math.random() * 899999));
        ClientId client = riverside.client("Kai Moor", email, phone, Channel.EMAIL);
        awaitRecipient(client);
        SessionId session = SessionId.random();
        riverside.book(session, client, "Follow-up treatment", CLOCK.instant().plus(Duration.ofDays(3)));
        awaitStatus(client.value(), "CONFIRMATION", "SENT");
        // no quiet hours, so the text goes whatever the time of day
        io.soleus.platform.test.ApiClient.expect(200, api().put(io.soleus.platform.test.TestTokens.admin(),
                "/clients/" + client + "/notification-preferences", Map.of("channels", Map.of(), "nonEssential", true,
                        "quietHours", Map.of("from", "00:00", "until", "00:00"), "language", "en")));

        UUID mail = leftSendingByAKilledInstance(client, session, Channel.EMAIL, "killed-mail");
        UUID text = leftSendingByAKilledInstance(client, session, Channel.SMS, "killed-text");

        await().atMost(Duration.ofSeconds(30)).until(() -> "UNCERTAIN".equals(status(mail)) && "SENT".equals(status(text)));
        assertThat(Mailbox.to(email)).hasSize(1);
        assertThat(SmsProvider.to(phone)).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(text.toString()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance IN (?, ?)", Long.class,
                mail.toString(), text.toString())).isZero();
    }

    /** The rows a killed instance leaves: a notification being sent, its execution picked by a silent instance. */
    private UUID leftSendingByAKilledInstance(ClientId client, SessionId session, Channel channel, String source) {
        UUID id = UUID.randomUUID();
        Timestamp hourAgo = Timestamp.from(CLOCK.instant().minus(Duration.ofHours(1)));
        jdbc.update("""
                INSERT INTO notification (notification_id, source_event_id, kind, channel, client_id, clinic_id,
                    session_id, status, due_at, attempts, created_at, last_attempt_at)
                SELECT ?, ?, 'NO_SHOW', ?, client_id, clinic_id, session_id, 'SENDING', ?, 1, ?, ?
                FROM session WHERE session_id = ?""",
                id, source + "-" + id, channel.name(), hourAgo, hourAgo, hourAgo, session.value());
        jdbc.update("""
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by, last_heartbeat,
                    version, consecutive_failures)
                VALUES ('deliver-notification', ?, ?, TRUE, 'a-killed-instance', ?, 1, 0)""",
                id.toString(), hourAgo, hourAgo);
        return id;
    }

    private String status(UUID notification) {
        Map<String, Object> row = jdbc.queryForMap("SELECT status FROM notification WHERE notification_id = ?",
                notification);
        return (String) row.get("status");
    }
}
