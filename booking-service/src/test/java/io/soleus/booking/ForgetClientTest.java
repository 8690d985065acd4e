package io.soleus.booking;

import static io.soleus.booking.Practice.monday;
import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.booking.scheduling.SchedulingProjection;
import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.Personal;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.CapturedLogs;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding, for one client forgotten among others: their personal values are sealed with
 * their own key in the event store and on the topic, and once they are forgotten (the key deleted,
 * a tombstone on the keys topic) every one of them reads as erased, after a replay too, while the
 * other client reads as before and the forgotten client's sessions still count.
 */
@BookingServiceTest
class ForgetClientTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MutableClock clock;

    BookingApi api;
    String clinic;
    String maya;
    String type;
    String riley;
    String casey;
    String rileysSession;
    CapturedLogs logs;

    @BeforeEach
    void twoClientsOneOfThemWithACancelledSession() {
        logs = new CapturedLogs();
        api = new BookingApi(port);
        clinic = api.openClinic("Riverside", "Europe/London", "08:00", "20:00", "Room 1");
        maya = api.registerTherapist("Maya Lindqvist", clinic);
        api.setWeekdayHours(maya, clinic, "09:00", "17:00");
        type = api.defineSessionType("Follow-up treatment", 45, 15, maya);
        riley = api.registerClient("Riley Forgettable", "riley.forgettable@example.org");
        casey = api.registerClient("Casey Keeper", "casey.keeper@example.org");
        rileysSession = created(api.book(TestTokens.client(riley), null, maya, clinic, type, monday("10:00"))).text("sessionId");
        expect(200, api.post(TestTokens.client(riley), "/sessions/" + rileysSession + "/cancel",
                Map.of("reason", "Riley's private reason")));
        created(api.book(TestTokens.client(casey), null, maya, clinic, type, monday("11:00")));
    }

    @AfterEach
    void resetTheClock() {
        clock.set(Practice.NOW);
        logs.close();
    }

    @Test
    void a_forgotten_clients_personal_data_reads_as_erased_everywhere_and_the_others_as_before() {
        List<String> rileys = List.of("Riley Forgettable", "riley.forgettable@example.org", "Riley's private reason");
        List<String> caseys = List.of("Casey Keeper", "casey.keeper@example.org");
        assertThat(storedEvents(riley)).as("sealed at rest").hasSizeGreaterThanOrEqualTo(3).noneSatisfy(bytes -> assertThat(bytes).containsAnyOf(
                rileys.toArray(String[]::new)));
        assertThat(storedEvents(casey)).noneSatisfy(bytes -> assertThat(bytes).containsAnyOf(caseys.toArray(String[]::new)));
        List<ConsumerRecord<String, byte[]>> published = TopicReader.readUntil(Topics.BOOKING,
                read -> read.stream().filter(record -> List.of(riley, rileysSession).contains(record.key())).count() >= 3,
                Duration.ofSeconds(30));
        assertThat(published).filteredOn(record -> List.of(riley, rileysSession).contains(record.key()))
                .as("sealed on the topic").hasSizeGreaterThanOrEqualTo(3)
                .noneSatisfy(record -> assertThat(text(record.value())).containsAnyOf(rileys.toArray(String[]::new)));
        assertThat(profile(riley).path("name").asText()).isEqualTo("Riley Forgettable");

        expect(204, api.post(TestTokens.client(riley), "/clients/" + riley + "/forget", null));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM client_key WHERE client_id = ?::uuid", Long.class, riley))
                .as("every key of Riley's deleted").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM client_key WHERE client_id = ?::uuid", Long.class, casey)).isOne();
        await().atMost(Duration.ofSeconds(20)).until(() -> Personal.ERASED.equals(profile(riley).path("name").asText()));
        assertThat(profile(riley).path("email").asText()).isEqualTo(Personal.ERASED);
        assertThat(profile(casey).path("name").asText()).isEqualTo("Casey Keeper");
        assertThat(profile(casey).path("email").asText()).isEqualTo("casey.keeper@example.org");
        assertThat(TopicReader.readUntil(Topics.KEYS, read -> read.stream().anyMatch(record -> tombstone(record)
                && record.key().startsWith(riley + "/")), Duration.ofSeconds(30))).filteredOn(record -> record.key().startsWith(riley + "/") && record.value() == null)
                .as("a tombstone for Riley's key on the keys topic").isNotEmpty();
        assertThat(TopicReader.readUntil(Topics.BOOKING, read -> read.stream().anyMatch(this::forgotten), Duration.ofSeconds(30)))
                .filteredOn(this::forgotten).as("ClientForgotten on the booking topic").hasSize(1);
        assertThat(TopicReader.readUntil(Topics.KEYS, read -> read.stream().anyMatch(record -> record.key().equals(riley
                + "/forgotten")), Duration.ofSeconds(30))).filteredOn(record -> record.key().equals(riley + "/forgotten"))
                .as("the lasting record that Riley is forgotten, kept by compaction").allSatisfy(record ->
                        assertThat(record.value()).isNotNull());

        JsonNode sessions = await().atMost(Duration.ofSeconds(20)).until(() -> expect(200, api.get(TestTokens.admin(),
                "/clients/" + riley + "/sessions")).body(), read -> read.toString().contains(Personal.ERASED));
        assertThat(sessions.toString()).as("what Riley did still counts").contains(rileysSession);
        assertThat(sessions.toString()).doesNotContain(rileys.toArray(String[]::new));
        assertThat(jdbc.queryForObject("SELECT cancellation_reason FROM scheduling_session WHERE session_id = ?::uuid",
                String.class, rileysSession)).as("the reason Riley gave, in the read model").isEqualTo(Personal.ERASED);
        Response rebooked = api.book(TestTokens.admin(), riley, maya, clinic, type, monday("15:00"));
        assertThat(rebooked.status()).isEqualTo(409);
        assertThat(rebooked.text("rule")).isEqualTo("client-forgotten");
        expect(204, api.post(TestTokens.admin(), "/clients/" + riley + "/forget", null)); // forgetting twice is once

        StreamingEventProcessor scheduling = processing
                .eventProcessor(SchedulingProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofSeconds(30));
        scheduling.shutDown();
        scheduling.resetTokens();
        scheduling.start();
        ReadModels.awaitCaughtUp(scheduling, jdbc, Duration.ofSeconds(30));
        assertThat(profile(riley).path("name").asText()).as("after a replay").isEqualTo(Personal.ERASED);
        assertThat(profile(casey).path("name").asText()).isEqualTo("Casey Keeper");
        await().atMost(Duration.ofSeconds(20)).until(() -> expect(200, api.get(TestTokens.admin(), "/clients/" + riley
                + "/audit")).body().findValuesAsText("change"), changes -> !changes.isEmpty()
                && changes.get(0).equals("ClientForgotten"));
        assertThat(logs.linesContaining(rileys)).as("from registering to forgetting, the logs held none of Riley's data")
                .isEmpty();
    }

    static boolean tombstone(ConsumerRecord<String, byte[]> record) {
        return record.value() == null;
    }

    boolean forgotten(ConsumerRecord<String, byte[]> record) {
        return record.key().equals(riley) && record.headers().lastHeader("ce_type") != null
                && text(record.headers().lastHeader("ce_type").value()).equals("io.soleus.booking.ClientForgotten");
    }

    JsonNode profile(String client) {
        return expect(200, api.get(TestTokens.admin(), "/clients/" + client)).body();
    }

    /** The stored payloads of a client's own events and of their sessions' events. */
    List<String> storedEvents(String client) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? OR convert_from(payload, 'UTF8') LIKE ?""", String.class,
                client, "%" + client + "%");
    }

    static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
