package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client's clinical record says who changed it (the audit trail, from the events' metadata) and
 * who read it (the access log of staff reads): for admins and for the client, and for nobody else's
 * record.
 */
@TreatmentServiceTest
class ClinicalRecordAuditTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    Practice practice;
    String caseId;
    SessionId session;

    @BeforeEach
    void aCaseAssessedAndTreated() {
        practice = new Practice(port, jdbc);
        caseId = practice.openCase();
        session = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(session, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(session, "ATTENDED");
        expect(201, practice.assess(caseId, session, 7));
        expect(204, practice.treat(caseId, session));
    }

    @AfterEach
    void close() {
        practice.close();
        clock.set(TreatmentServiceTest.NOW);
    }

    String runner() {
        return practice.runner.toString();
    }

    @Test
    void the_audit_trail_lists_every_change_to_the_clients_record_with_who_made_it() {
        ClientId other = practice.clientRegistered("Casey Cyclist", "casey@example.org");
        expect(201, practice.api.post(practice.maya(), "/cases", Map.of("clientId", other, "clinicId", practice.riverside,
                "complaint", "Knee pain", "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus"),
                "side", "RIGHT")));

        await().atMost(Duration.ofSeconds(20)).until(() -> trail(TestTokens.admin(), runner()).size() == 6);
        JsonNode trail = trail(practice.runnerToken(), runner());

        assertThat(trail.findValuesAsText("change")).as("a case's techniques name the case, and count as the client's; "
                + "so does her consent at the desk").containsExactly("TriggerPointTreated", "MyofascialReleaseApplied",
                "AssessmentRecorded", "ConsentGiven", "ConsentGiven", "CaseOpened");
        assertThat(trail.findValuesAsText("recordId")).containsOnly(caseId,
                "file:" + practice.runner + ":" + practice.riverside);
        assertThat(trail.findValuesAsText("actor")).containsOnly(practice.maya.toString());
        assertThat(trail.findValuesAsText("service")).containsOnly("treatment-service");
        assertThat(trail.toString()).as("names the change, not the clinical text").doesNotContain("soleus")
                .doesNotContain("Very tight");
        await().atMost(Duration.ofSeconds(20)).until(() -> trail(TestTokens.admin(), other.toString()).size() == 1);
        assertThat(trail(TestTokens.admin(), other.toString()).findValuesAsText("change")).containsExactly("CaseOpened");
    }

    @Test
    void staff_reads_of_the_record_are_logged_for_admins_and_the_client_but_not_the_clients_own() {
        TherapistId hillsideTherapist = TherapistId.random();
        String elsewhere = TestTokens.therapist(hillsideTherapist.toString(), ClinicId.random().toString());

        // the case's course is a read model: there once the client (whose own reads are not logged) sees it
        await().atMost(Duration.ofSeconds(20))
                .until(() -> practice.api.get(practice.runnerToken(), "/cases/" + caseId).status() == 200);
        expect(200, practice.api.get(practice.maya(), "/cases/" + caseId));
        clock.set(TreatmentServiceTest.NOW.plus(Duration.ofMinutes(1)));
        expect(200, practice.api.get(practice.maya(), "/cases/" + caseId));
        expect(200, practice.api.get(practice.runnerToken(), "/cases/" + caseId));
        expect(200, practice.api.get(practice.runnerToken(), "/clients/" + runner() + "/timeline"));
        expect(404, practice.api.get(elsewhere, "/cases/" + caseId));
        clock.set(TreatmentServiceTest.NOW.plus(Duration.ofMinutes(5)));
        expect(200, practice.api.get(TestTokens.admin(), "/clients/" + runner() + "/timeline"));

        JsonNode log = expect(200, practice.api.get(practice.runnerToken(), "/clients/" + runner() + "/record-access")).body();

        assertThat(log.findValues("readerRoles").stream().map(JsonNode::toString).toList()).as("newest first; a second "
                + "look within minutes, the client's own reads and a refused read are not there")
                .containsExactly("[\"ADMIN\"]", "[\"THERAPIST\"]");
        assertThat(log.path(1).path("reader").asText()).isEqualTo(practice.maya.toString());
        assertThat(log.findValuesAsText("viewed")).containsExactly("TIMELINE", "CASE");
        assertThat(log.path(1).path("caseId").asText()).isEqualTo(caseId);
        assertThat(log.path(0).path("at").asText()).isEqualTo(TreatmentServiceTest.NOW.plus(Duration.ofMinutes(5)).toString());
        JsonNode asAdmin = expect(200, practice.api.get(TestTokens.admin(), "/clients/" + runner() + "/record-access")).body();
        assertThat(asAdmin.findValuesAsText("viewed")).isEqualTo(log.findValuesAsText("viewed"));
        assertThat(log.path(0).hasNonNull("reader")).as("which admin it was is for admins to know").isFalse();
        assertThat(asAdmin.path(0).path("reader").asText()).isEqualTo("admin-1");
        ClientId other = practice.clientRegistered("Casey Cyclist", "casey@example.org");
        for (String outsider : List.of(TestTokens.client(other.toString()), elsewhere)) {
            expect(403, practice.api.get(outsider, "/clients/" + runner() + "/record-access"));
            expect(403, practice.api.get(outsider, "/clients/" + runner() + "/audit"));
        }
        ClientId stranger = practice.clientRegistered("Sam Stranger", "sam@example.org");
        assertThat(expect(200, practice.api.get(TestTokens.admin(), "/clients/" + stranger + "/record-access")).body())
                .isEmpty();
    }

    @Test
    void the_export_holds_the_cases_with_their_course_who_opened_them_and_every_change() {
        await().atMost(Duration.ofSeconds(20)).until(() -> trail(TestTokens.admin(), runner()).size() == 6);
        JsonNode asTheClient = await().atMost(Duration.ofSeconds(20)).until(() -> expect(200,
                practice.api.get(practice.runnerToken(), "/clients/" + runner() + "/export")).body(),
                part -> part.path("cases").path(0).path("assessments").size() == 1);

        assertThat(asTheClient.path("cases").path(0).path("assessments").path(0).path("notes").asText())
                .isEqualTo("Very tight soleus, several trigger points");
        assertThat(asTheClient.path("cases").path(0).path("treatments")).hasSize(2);
        assertThat(asTheClient.path("changes").findValuesAsText("change")).hasSize(6).endsWith("ConsentGiven",
                "ConsentGiven", "CaseOpened");
        assertThat(asTheClient.path("openedBy")).as("the client's own export is no staff read").isEmpty();

        expect(200, practice.api.get(TestTokens.admin(), "/clients/" + runner() + "/export"));
        JsonNode log = expect(200, practice.api.get(practice.runnerToken(), "/clients/" + runner() + "/record-access")).body();
        assertThat(log.findValuesAsText("viewed")).as("an admin's export is a read of the record").containsExactly("EXPORT");
    }

    JsonNode trail(String token, String client) {
        return expect(200, practice.api.get(token, "/clients/" + client + "/audit")).body();
    }
}
