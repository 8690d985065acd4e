package io.soleus.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.soleus.notifications.NotificationsServiceTest.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances on one database and one consumer group: with two the work splits and every message goes
 * out once; a reminder waits in the database through a restart of every instance. The second test
 * restarts the instances, so the order of the tests does not matter.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final Map<String, Object> properties = new HashMap<>();
    private JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("notifications_pair");
        properties.putAll(SoleusInfrastructureInitializer.properties(database));
        properties.putAll(NotificationsServiceTest.channelProperties());
        properties.put("server.port", "0");
        // each instance claims one of the two segments, so both read the topics
        properties.put("soleus.kafka.consumers.notifications.max-claimed-segments", "1");
        instances.add(startInstance());
        instances.add(startInstance());
        jdbc = instances.get(0).getBean(JdbcTemplate.class);
    }

    private ConfigurableApplicationContext startInstance() {
        return new SpringApplicationBuilder(NotificationsApplication.class)
                .initializers(SoleusInfrastructureInitializer.overriding(properties),
                        context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run();
    }

    @AfterAll
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void confirmations_and_reminders_from_two_instances_reach_each_client_once() {
        Practice riverside = new Practice("Riverside Clinic");
        Map<ClientId, String> clients = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String email = NotificationFlowTest.address("pair" + i);
            clients.put(riverside.client("Client " + i, email, null, Channel.EMAIL), email);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM recipient WHERE client_id = ANY (?)", Long.class,
                (Object) clients.keySet().stream().map(ClientId::value).toArray(java.util.UUID[]::new)) == 12);
        Instant start = CLOCK.instant().plus(Duration.ofDays(2));
        clients.keySet().forEach(client -> riverside.book(SessionId.random(), client, "Sports massage", start));

        // the confirmations now, then both reminders (24 h and 2 h before; no phone, so both by email)
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.values().stream()
                .allMatch(email -> Mailbox.to(email).size() == 1));
        CLOCK.set(start.minus(Duration.ofHours(2)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM notification WHERE client_id = ANY (?) AND status = 'SENT'""", Long.class,
                (Object) clients.keySet().stream().map(ClientId::value).toArray(java.util.UUID[]::new)) == 36);
        // and stays so: nothing more arrives once all is recorded
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> clients.values().stream()
                .allMatch(email -> Mailbox.to(email).size() == 3));
        // every client has exactly one of each
        clients.values().forEach(email -> assertThat(Mailbox.to(email)).extracting(Mailbox.Mail::subject)
                .hasSize(3).doesNotHaveDuplicates());
        // both instances took part in reading the topics
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT owner) FROM token_entry WHERE processor_name = 'notifications'",
                Long.class)).isEqualTo(2);
    }

    @Test
    void a_reminder_planned_before_every_instance_stopped_is_sent_once_after_a_restart() {
        Practice riverside = new Practice("Riverside Clinic");
        String email = NotificationFlowTest.address("restart");
        ClientId client = riverside.client("Ray Restart", email, null, Channel.EMAIL);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM recipient WHERE client_id = ?", Long.class, client.value()) == 1);
        Instant start = CLOCK.instant().plus(Duration.ofDays(3));
        riverside.book(SessionId.random(), client, "Follow-up treatment", start);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.to(email).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification WHERE client_id = ? AND kind = 'REMINDER' AND status = 'SCHEDULED'",
                Long.class, client.value()) == 1);

        instances.forEach(ConfigurableApplicationContext::close);
        instances.clear();
        CLOCK.set(start.minus(Duration.ofHours(24)).plusSeconds(1));
        instances.add(startInstance());
        instances.add(startInstance());
        jdbc = instances.get(0).getBean(JdbcTemplate.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.to(email).size() == 2);
        assertThat(Mailbox.to(email).get(1).subject()).startsWith("Reminder: your Follow-up treatment");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification WHERE client_id = ? AND kind = 'REMINDER' AND status = 'SENT'",
                Long.class, client.value()) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> Mailbox.to(email).size() == 2);
    }
}
