package io.soleus.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.CapturedLogs;
import org.junit.jupiter.api.Test;

/**
 * A client forgotten by booking is sent nothing more: what was waiting is cancelled, nothing new is
 * planned for them, their address is gone and the messages they were sent keep only their kind and
 * times. Another client's messages go on as before.
 */
class ForgottenClientTest extends NotificationsServiceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void a_forgotten_client_is_sent_nothing_more_and_their_address_and_messages_are_erased() {
        try (CapturedLogs logs = new CapturedLogs()) {
            String rileysAddress = NotificationFlowTest.address("riley-forgotten");
            forgetRileyAmongOthers(rileysAddress);
            // the test's own SMTP server (GreenMail) logs the mailboxes it makes; the service logs nothing of Riley's
            assertThat(logs.linesContaining(List.of("Riley Forgettable", rileysAddress), "com.icegreen"))
                    .as("from registering to forgetting, the logs held none of Riley's data").isEmpty();
        }
    }

    private void forgetRileyAmongOthers(String rileysAddress) {
        Practice riverside = new Practice("Riverside Clinic");
        ClientId riley = riverside.client("Riley Forgettable", rileysAddress, null, Channel.EMAIL);
        ClientId casey = riverside.client("Casey Keeper", NotificationFlowTest.address("casey-kept"), null, Channel.EMAIL);
        awaitRecipient(riley);
        awaitRecipient(casey);
        Instant start = CLOCK.instant().plus(Duration.ofDays(4)).atZone(LONDON).withHour(10).withMinute(0).toInstant();
        SessionId rileys = SessionId.random();
        riverside.book(rileys, riley, "Follow-up treatment", start);
        riverside.book(SessionId.random(), casey, "Follow-up treatment", start.plus(Duration.ofHours(2)));
        awaitStatus(riley.value(), "CONFIRMATION", "SENT");
        awaitStatus(riley.value(), "REMINDER", "SCHEDULED");
        awaitStatus(casey.value(), "REMINDER", "SCHEDULED");

        riverside.forget(riley);

        awaitStatus(riley.value(), "REMINDER", "CANCELLED");
        Map<String, Object> recipient = jdbc.queryForMap("SELECT name, email, phone FROM recipient WHERE client_id = ?",
                riley.value());
        assertThat(recipient.get("name")).isEqualTo(Personal.ERASED);
        assertThat(recipient.get("email")).isEqualTo(Personal.ERASED);
        Map<String, Object> sent = notifications(riley.value(), "CONFIRMATION").get(0);
        assertThat(sent.get("status")).as("what went out stays in the log").isEqualTo("SENT");
        assertThat(String.valueOf(sent.get("facts"))).isEqualTo("{}");
        assertThat(sent.get("title")).isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM client_key WHERE client_id = ?", Long.class, riley.value()))
                .isZero();

        // the clinic cancels the forgotten client's session: applied, but no message is planned for them
        riverside.cancel(rileys, CancelledBy.CLINIC, false, "Therapist unwell");
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(jdbc.queryForObject(
                "SELECT status FROM session WHERE session_id = ?", String.class, rileys.value())));
        assertThat(notifications(riley.value(), "CANCELLATION")).isEmpty();
        assertThat(notifications(casey.value(), "REMINDER").get(0).get("status")).isEqualTo("SCHEDULED");
        assertThat(jdbc.queryForObject("SELECT name FROM recipient WHERE client_id = ?", String.class, casey.value()))
                .isEqualTo("Casey Keeper");
    }
}
