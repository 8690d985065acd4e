package io.soleus.notifications;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.TestTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process dies after the SMTP server accepted a mail and before the delivery was recorded.
 * Here the "death" is an {@link Error} thrown right after the server's acceptance, so nothing after
 * it runs, as in a crash; db-scheduler then runs the task again, as it does for a dead instance's
 * execution once its heartbeat is stale, and the delivery finds the row still {@code SENDING}.
 */
@Import(CrashAfterSmtpTest.CrashingMail.class)
class CrashAfterSmtpTest extends NotificationsServiceTest {

    /** Addresses whose next mail "kills the process" once the SMTP server has accepted it. */
    static final Set<String> CRASH_AFTER_SENDING_TO = ConcurrentHashMap.newKeySet();

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the SMTP server accepted the mail");
        }
    }

    @Test
    void a_mail_accepted_but_not_recorded_becomes_uncertain_and_is_never_sent_twice_on_its_own() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = NotificationFlowTest.address("ivy");
        ClientId client = riverside.client("Ivy Fern", email, null, Channel.EMAIL);
        awaitRecipient(client);
        CRASH_AFTER_SENDING_TO.add(email);

        riverside.book(SessionId.random(), client, "Initial assessment", CLOCK.instant().plus(Duration.ofDays(3)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.to(email).size() == 1);
        assertThat(awaitStatus(client.value(), "CONFIRMATION", "SENDING").get("attempts")).isEqualTo(1);

        // db-scheduler runs the failed execution again after the first backoff
        CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1));
        Map<String, Object> uncertain = awaitStatus(client.value(), "CONFIRMATION", "UNCERTAIN");
        assertThat(uncertain.get("last_error").toString()).contains("not sent again on its own");
        assertThat(uncertain.get("attempts")).isEqualTo(1);
        CLOCK.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Long.class,
                uncertain.get("notification_id").toString()) == 0);
        assertThat(Mailbox.to(email)).hasSize(1);

        // the delivery log shows it; an admin who decides the client should have it sends it again
        String id = uncertain.get("notification_id").toString();
        assertThat(ApiClient.expect(200, api().get(TestTokens.admin(), "/admin/deliveries/dead-letters?limit=1000"))
                .body().findValuesAsText("id")).contains(id);
        CRASH_AFTER_SENDING_TO.remove(email);
        ApiClient.expect(202, api().post(TestTokens.admin(), "/admin/deliveries/" + id + "/retry", null));
        awaitStatus(client.value(), "CONFIRMATION", "SENT");
        assertThat(Mailbox.to(email)).hasSize(2);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CrashingMail {

        /** What the service sends with: a real SMTP client to the test's server, with the crash behind it. */
        @Bean
        JavaMailSender crashingMailSender() {
            JavaMailSenderImpl smtp = new JavaMailSenderImpl();
            smtp.setHost("127.0.0.1");
            smtp.setPort(Mailbox.port());
            return new CrashingMailSender(smtp);
        }
    }

    private record CrashingMailSender(JavaMailSender delegate) implements JavaMailSender {

        @Override
        public void send(MimeMessage... messages) {
            delegate.send(messages);
            for (MimeMessage message : messages) {
                try {
                    if (CRASH_AFTER_SENDING_TO.contains(message.getAllRecipients()[0].toString())) {
                        throw new SimulatedCrash();
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void send(MimeMessage message) {
            send(new MimeMessage[] {message});
        }

        @Override
        public MimeMessage createMimeMessage() {
            return delegate.createMimeMessage();
        }

        @Override
        public MimeMessage createMimeMessage(InputStream contentStream) {
            return delegate.createMimeMessage(contentStream);
        }

        @Override
        public void send(SimpleMailMessage... messages) {
            delegate.send(messages);
        }
    }
}
