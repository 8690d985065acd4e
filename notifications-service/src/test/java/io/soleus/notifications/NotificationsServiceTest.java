package io.soleus.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.id.ClientId;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The notifications service on the real infrastructure with a real SMTP server and an SMS provider
 * stub, its clock ticking from a fixed Monday and moved forward by tests. Tests keep apart by their
 * own clinics, clients and addresses.
 */
@SoleusSpringBootTest
@Import(NotificationsServiceTest.Time.class)
// a service left running would also read the next class's events and send its mails a second time
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class NotificationsServiceTest {

    /** Monday 30 November 2026, 08:00 in London (UTC in winter). */
    public static final Instant START = Instant.parse("2026-11-30T08:00:00Z");

    /** One clock for the whole JVM: the shared service and any second instance move together. */
    public static final MutableClock CLOCK = MutableClock.ticking(START);

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {

        @Bean
        MutableClock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        channelProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Where the service sends mail and SMS in tests, and how quickly it looks for due work. */
    public static Map<String, Object> channelProperties() {
        return Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", Mailbox.port(),
                "soleus.notifications.sms.base-url", SmsProvider.baseUrl(),
                "soleus.notifications.sms.api-key", SmsProvider.API_KEY,
                "soleus.notifications.sms.read-timeout", "PT1S",
                "soleus.notifications.retry.max-attempts", "3",
                "soleus.notifications.retry.first-backoff", "PT1M",
                "db-scheduler.polling-interval", "PT0.2S");
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    protected ApiClient api() {
        return new ApiClient(port);
    }

    /** Waits until the service has planned a notification of this kind for the client, and returns its row. */
    protected Map<String, Object> awaitNotification(UUID client, String kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !notifications(client, kind).isEmpty());
        return notifications(client, kind).get(0);
    }

    /** Waits until the client's notification of this kind reaches a status. */
    protected Map<String, Object> awaitStatus(UUID client, String kind, String status) {
        await().atMost(Duration.ofSeconds(30)).alias(kind + " of client " + client + " reaches " + status)
                .failFast("the notifications are", () -> false)
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() < 300) {
                        System.err.println("Still waiting: " + notifications(client, kind) + " at " + CLOCK.instant());
                    }
                })
                .until(() -> notifications(client, kind).stream().anyMatch(row -> status.equals(row.get("status"))));
        return notifications(client, kind).stream().filter(row -> status.equals(row.get("status"))).findFirst()
                .orElseThrow();
    }

    /**
     * Waits until the client's registration has been read. Booking publishes a client and its
     * sessions under different keys, so on different partitions: a test that books at once must wait,
     * as the real client registers long before booking.
     */
    protected void awaitRecipient(ClientId client) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM recipient WHERE client_id = ?", Long.class, client.value()) == 1);
    }

    protected List<Map<String, Object>> notifications(UUID client, String kind) {
        return jdbc.queryForList("SELECT * FROM notification WHERE client_id = ? AND kind = ? ORDER BY created_at",
                client, kind);
    }
}
