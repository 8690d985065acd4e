package io.soleus.treatment;

import static java.util.Map.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.test.AccessMatrix;
import io.soleus.platform.test.AccessMatrix.Scope;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import io.soleus.treatment.outcome.OutcomeProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Treatment's endpoint-by-actor matrix: every endpoint of its API description, called by nobody,
 * client A, client B, a therapist of clinic X, a therapist of clinic Y and an admin, on A's case at X.
 * The table is who may call what; everyone else is refused or told there is nothing, and B and Y
 * never see A's name, contact details or clinical record, not even in the reports.
 */
@TreatmentServiceTest
class AccessMatrixTest {

    static final Map<String, String> WHO_MAY = Map.ofEntries(
            entry("GET /exercises", "A B X Y @"),
            entry("POST /exercises", "X Y @"),
            // the clinical record: written by the clinic's staff, read by them and the client
            entry("POST /cases", "X @"),
            entry("POST /cases/{caseId}/assessments", "X @"),
            entry("POST /cases/{caseId}/trigger-point-treatments", "X @"),
            entry("POST /cases/{caseId}/myofascial-releases", "X @"),
            entry("PUT /cases/{caseId}/plan", "X @"),
            entry("POST /cases/{caseId}/discharge", "X @"),
            entry("POST /cases/{caseId}/progress", "A X @"),
            entry("POST /cases/{caseId}/measures", "A X @"),
            entry("GET /questionnaires/{instrument}", "A B X Y @"),
            entry("GET /cases/{caseId}", "A X @"),
            entry("GET /clients/{clientId}/timeline", "A X @"),
            entry("GET /clients/{clientId}/audit", "A @"),
            entry("GET /clients/{clientId}/export", "A @"),
            entry("GET /clients/{clientId}/record-access", "A @"),
            // intake and consent: the client for herself, the clinic's staff at the desk
            entry("GET /clinics/{clinicId}/intake-form", "A B X Y @"),
            entry("GET /clinics/{clinicId}/screening", "X @"),
            entry("POST /clients/{clientId}/intake/{clinicId}/red-flag-clearance", "X @"),
            entry("POST /clients/{clientId}/intake/{clinicId}", "A X @"),
            entry("POST /clients/{clientId}/intake/{clinicId}/measures", "A X @"),
            entry("GET /clients/{clientId}/intake/{clinicId}", "A X @"),
            entry("GET /clients/{clientId}/intake", "A X Y @"),
            entry("POST /clients/{clientId}/consents/{clinicId}", "A X @"),
            entry("POST /clients/{clientId}/consents/{clinicId}/withdrawal", "A X @"),
            // a clinic's questionnaires: admins
            entry("GET /questionnaire-settings", "@"),
            entry("PUT /clinics/{clinicId}/questionnaire-settings", "@"),
            // outcome reports: staff, each over the clinics of their token
            entry("GET /reports/outcomes", "X Y @"),
            entry("GET /reports/operations", "X Y @"),
            entry("GET /reports/function", "X Y @"),
            entry("GET /reports/pain-course", "X Y @"),
            entry("GET /reports/cases", "X Y @"),
            entry("GET /reports/stream", "X Y @"),
            entry("GET /admin/dead-letters/{processingGroup}", "@"),
            entry("POST /admin/dead-letters/{processingGroup}/retry", "@"));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    JdbcTemplate jdbc;

    Practice practice;
    Scope scope;

    @BeforeEach
    void aCaseForClientAAtClinicX() {
        practice = new Practice(port, jdbc);
        practice.clinicOpened();
        ClinicId clinicY = ClinicId.random();
        TherapistId therapistY = TherapistId.random();
        ClientId clientB = practice.clientRegistered("Bo Bergström", "bo.bergstrom@example.org");
        practice.sessionBooked(clientB, therapistY, clinicY, TreatmentServiceTest.NOW.plus(Duration.ofDays(1)));
        String caseOfA = practice.openCase();
        SessionId seen = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(seen, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(seen, "ATTENDED");
        practice.assess(caseOfA, seen, 6);
        String exercise = practice.api.get(TestTokens.admin(), "/exercises").body().path(0).path("exerciseId").asText();
        // the case reads of the table answer from the outcome read model: it has the case and its assessment first
        ReadModels.awaitCaughtUp(service, OutcomeProjection.GROUP);

        Map<String, Object> site = Map.of("muscle", "soleus", "side", "LEFT", "region", "lower-medial");
        scope = new Scope(
                Map.of("caseId", caseOfA, "clientId", practice.runner.toString(), "processingGroup", "booking-facts",
                        "clinicId", practice.riverside.toString(), "instrument", "psfs"),
                Map.of("GET /reports/outcomes", "?by=clinic", "GET /reports/operations", "?by=clinic",
                        "GET /reports/function", "?by=clinic",
                        "GET /clinics/{clinicId}/screening", "?clientId=" + practice.runner),
                AccessMatrix.tokens(practice.runner.toString(), clientB.toString(), practice.maya.toString(),
                        practice.riverside.toString(), therapistY.toString(), clinicY.toString()),
                Map.ofEntries(
                        entry("POST /exercises", Map.of("name", "Seated calf raise", "description", "Knees bent, slowly")),
                        entry("POST /cases", Map.of("clientId", practice.runner, "clinicId", practice.riverside,
                                "therapistId", practice.maya, "complaint", "A second ache",
                                "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                                "side", "RIGHT")),
                        entry("POST /cases/{caseId}/assessments", Map.of("sessionId", seen, "pain", 5,
                                "tightness", "MODERATE")),
                        entry("POST /cases/{caseId}/trigger-point-treatments", Map.of("sessionId", seen, "site", site,
                                "pressure", "MODERATE", "seconds", 90, "response", "RELEASED")),
                        entry("POST /cases/{caseId}/myofascial-releases", Map.of("sessionId", seen, "region", site,
                                "minutes", 10, "response", "RELEASED")),
                        entry("PUT /cases/{caseId}/plan", Map.of("exercises", List.of(Map.of("exerciseId", exercise,
                                "dose", Map.of("sets", 3, "reps", 15, "times", 2, "per", "DAY", "weeks", 6))))),
                        entry("POST /cases/{caseId}/progress", Map.of("exerciseId", exercise, "outcome", "DONE",
                                "day", "2026-11-23")),
                        entry("POST /cases/{caseId}/discharge", Map.of("finalPain", 1, "backToActivity", true,
                                "reason", "Back to running")),
                        entry("POST /clients/{clientId}/intake/{clinicId}", IntakeAndConsentTest.answers("no")),
                        entry("POST /cases/{caseId}/measures", ReferenceCaseTest.psfs(3)),
                        entry("POST /clients/{clientId}/intake/{clinicId}/measures", ReferenceCaseTest.lefs(50)),
                        entry("POST /clients/{clientId}/intake/{clinicId}/red-flag-clearance",
                                Map.of("note", "Seen by her GP: no sign of a clot")),
                        entry("POST /clients/{clientId}/consents/{clinicId}", Map.of("kinds", List.of("TREATMENT"))),
                        entry("PUT /clinics/{clinicId}/questionnaire-settings", Map.of("intakeForm", "calf-intake",
                                "intakeFormVersion", 2, "followUpEvery", 4)),
                        entry("POST /clients/{clientId}/consents/{clinicId}/withdrawal", Map.of("kinds", List.of("TREATMENT")))),
                List.of("Riley Runner", "riley@example.org", "Deep, persistent ache", "Very tight soleus"));
    }

    @AfterEach
    void close() {
        practice.close();
    }

    @Test
    void each_endpoint_answers_each_actor_as_the_table_says_and_never_shows_b_or_y_what_is_as() {
        AccessMatrix.check(practice.api, practice.api.get(null, "/v3/api-docs").body(), WHO_MAY, scope);
    }

    @Test
    void forged_expired_unsigned_and_foreign_tokens_are_refused_everywhere() {
        AccessMatrix.checkBadTokens(practice.api, practice.api.get(null, "/v3/api-docs").body(), scope.pathIds());
    }
}
