package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.CapturedLogs;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.outcome.OutcomeProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client booking forgets is forgotten here too: the complaint and notes of their cases, sealed with
 * their key in treatment's event store and on its topic, read as erased in every view and after a
 * replay; their name (which booking published before sealing began, in clear) too; their cases and
 * the practice's figures stay. Another client's record reads as before.
 */
@TreatmentServiceTest
class ForgottenClientTest {

    static final String COMPLAINT = "Deep, persistent ache in the lower calf after weekend runs";
    static final String NOTES = "Very tight soleus, several trigger points";
    static final String CLEARANCE = "Her GP saw her on Monday: no sign of a clot";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    Practice practice;
    String rileysCase;
    String caseysCase;
    ClientId casey;
    CapturedLogs logs;

    @BeforeEach
    void twoClientsWithCases() {
        logs = new CapturedLogs();
        practice = new Practice(port, jdbc);
        rileysCase = practice.openCase();
        SessionId session = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(session, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(session, "ATTENDED");
        expect(201, practice.assess(rileysCase, session, 7));
        casey = practice.clientRegistered("Casey Keeper", "casey@example.org");
        caseysCase = created(practice.api.post(practice.maya(), "/cases", Map.of("clientId", casey, "clinicId",
                practice.riverside, "complaint", "Casey's sore knee", "workingFinding",
                Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"), "side", "RIGHT"))).text("caseId");
    }

    @AfterEach
    void close() {
        practice.close();
        logs.close();
    }

    @Test
    void a_forgotten_clients_clinical_text_reads_as_erased_everywhere_and_their_cases_still_count() {
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, rileysCase)).as("sealed at rest").isNotEmpty()
                .noneSatisfy(json -> assertThat(json).containsAnyOf(COMPLAINT, NOTES));
        assertThat(TopicReader.readUntil(Topics.TREATMENT, read -> read.stream().filter(record -> record.key().equals(rileysCase))
                .count() >= 2, Duration.ofSeconds(30))).filteredOn(record -> record.key().equals(rileysCase))
                .as("sealed on the topic").hasSizeGreaterThanOrEqualTo(2).noneSatisfy(record ->
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).containsAnyOf(COMPLAINT, NOTES));
        JsonNode before = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(),
                "/cases/" + rileysCase).body(), course -> course.path("assessments").size() == 1);
        assertThat(before.path("complaint").asText()).isEqualTo(COMPLAINT);
        ReadModels.awaitCaughtUp(processing.eventProcessor(OutcomeProjection.GROUP, StreamingEventProcessor.class)
                .orElseThrow(), jdbc, Duration.ofSeconds(30));
        String figures = expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=clinic")).body().toString();

        // her intake raised a red flag, which her therapist cleared with a note
        String file = "/clients/" + practice.runner + "/intake/" + practice.riverside;
        expect(201, practice.api.post(practice.runnerToken(), file, IntakeAndConsentTest.answers("yes")));
        await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), file).body()
                .path("intake").path("redFlag").asBoolean());
        expect(204, practice.api.post(practice.maya(), file + "/red-flag-clearance", Map.of("note", CLEARANCE)));
        await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), file).body()
                .path("intake").path("clearance").path("note").asText().equals(CLEARANCE));

        practice.forgotten(practice.runner);

        JsonNode erased = await().atMost(Duration.ofSeconds(30)).until(() -> practice.api.get(practice.maya(),
                "/cases/" + rileysCase).body(), course -> Personal.ERASED.equals(course.path("complaint").asText()));
        assertThat(erased.path("assessments").path(0).path("notes").asText()).isEqualTo(Personal.ERASED);
        assertThat(erased.path("clientName").asText()).as("booking's name, published in clear before sealing began")
                .isEqualTo(Personal.ERASED);
        assertThat(erased.path("assessments").path(0).path("pain").asInt()).as("the figures stay").isEqualTo(7);
        JsonNode intake = await().atMost(Duration.ofSeconds(30)).until(() -> practice.api.get(practice.maya(), file).body()
                .path("intake"), it -> it.path("clearance").path("note").isNull());
        assertThat(intake.path("answers").isNull()).isTrue();
        assertThat(intake.path("clearance").path("at").isTextual()).as("that it was cleared stays").isTrue();
        assertThat(expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=clinic")).body().toString())
                .isEqualTo(figures);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM client_key WHERE client_id = ?", Long.class,
                practice.runner.value())).isZero();
        assertThat(caseOf(caseysCase).path("complaint").asText()).isEqualTo("Casey's sore knee");
        assertThat(caseOf(caseysCase).path("clientName").asText()).isEqualTo("Casey Keeper");

        List<StreamingEventProcessor> processors = List.of(OutcomeProjection.GROUP, BookingFacts.GROUP).stream()
                .map(group -> processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.forEach(StreamingEventProcessor::resetTokens);
        processors.forEach(StreamingEventProcessor::start);
        ReadModels.awaitCaughtUp(processors.get(0), jdbc, Duration.ofSeconds(30));
        JsonNode replayed = await().atMost(Duration.ofSeconds(30)).until(() -> practice.api.get(practice.maya(),
                "/cases/" + rileysCase).body(), course -> course.path("assessments").size() == 1
                && Personal.ERASED.equals(course.path("clientName").asText()));
        assertThat(replayed.path("complaint").asText()).as("after a replay").isEqualTo(Personal.ERASED);
        assertThat(replayed.path("assessments").path(0).path("notes").asText()).isEqualTo(Personal.ERASED);
        await().atMost(Duration.ofSeconds(30)).until(() -> "Casey Keeper".equals(caseOf(caseysCase).path("clientName").asText()));
        assertThat(caseOf(caseysCase).path("complaint").asText()).isEqualTo("Casey's sore knee");
        assertThat(logs.linesContaining(List.of(COMPLAINT, NOTES, CLEARANCE, "Casey's sore knee")))
                .as("from the first case to the replay after forgetting, the logs held no clinical text").isEmpty();
    }

    JsonNode caseOf(String caseId) {
        return expect(200, practice.api.get(practice.maya(), "/cases/" + caseId)).body();
    }
}
