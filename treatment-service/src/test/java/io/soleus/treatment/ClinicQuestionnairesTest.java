package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each clinic's questionnaires, as its admin sets them: the intake form version its new clients
 * answer (every version stays readable), and after how many assessed sessions a case's client is asked
 * her outcome questionnaires again, which the case records as a request the notifications mail.
 */
@TreatmentServiceTest
class ClinicQuestionnairesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Practice practice;

    @BeforeEach
    void riversideIsOpen() {
        practice = new Practice(port, jdbc);
        practice.clinicOpened();
    }

    @AfterEach
    void close() {
        practice.close();
    }

    Response set(String token, ClinicId clinic, Map<String, Object> settings) {
        return practice.api.put(token, "/clinics/" + clinic + "/questionnaire-settings", settings);
    }

    JsonNode settingsOf(ClinicId clinic) {
        JsonNode overview = expect(200, practice.api.get(TestTokens.admin(), "/questionnaire-settings")).body();
        for (JsonNode clinicSettings : overview.path("clinics")) {
            if (clinicSettings.path("clinicId").asText().equals(clinic.toString())) {
                return clinicSettings;
            }
        }
        return overview.path("defaults");
    }

    long requests(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, caseId, "io.soleus.kernel.treatment.QuestionnairesRequested");
    }

    @Test
    void a_clinic_keeps_the_intake_form_version_its_admin_chose_while_others_ask_the_newest() {
        JsonNode overview = expect(200, practice.api.get(TestTokens.admin(), "/questionnaire-settings")).body();
        assertThat(overview.path("intakeForms").findValuesAsText("version")).containsExactly("1", "2");
        assertThat(overview.path("intakeForms").findValuesAsText("redFlagQuestions")).containsExactly("8", "10");
        assertThat(overview.path("defaults").path("intakeFormVersion").asInt()).isEqualTo(2);
        assertThat(overview.path("defaults").path("followUpEvery").asInt()).isEqualTo(4);

        expect(204, set(TestTokens.admin(), practice.riverside, Map.of("intakeForm", "calf-intake", "intakeFormVersion", 1,
                "followUpEvery", 3)));

        await().atMost(Duration.ofSeconds(20)).until(() -> settingsOf(practice.riverside).path("followUpEvery").asInt() == 3);
        JsonNode pinned = expect(200, practice.api.get(practice.runnerToken(), "/clinics/" + practice.riverside + "/intake-form")).body();
        assertThat(pinned.path("version").asInt()).isEqualTo(1);
        assertThat(pinned.findValuesAsText("id")).doesNotContain("bone-point-pain");
        JsonNode elsewhere = expect(200, practice.api.get(practice.runnerToken(), "/clinics/" + ClinicId.random() + "/intake-form")).body();
        assertThat(elsewhere.path("version").asInt()).isEqualTo(2);

        // her answers to version 1 are taken at Riverside, and read with the questions they answered
        SessionId session = practice.sessionBooked(TreatmentServiceTest.NOW.plus(Duration.ofDays(2)));
        practice.awaitSession(session, "BOOKED");
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("complaint-history", "Tight calf after hill repeats");
        answers.put("complaint-duration", "weeks");
        for (String flag : List.of("calf-swelling", "calf-warm-red", "long-travel", "surgery-immobilisation", "clot-history",
                "night-pain", "rest-pain", "numbness")) {
            answers.put(flag, "no");
        }
        expect(201, practice.api.post(practice.runnerToken(), "/clients/" + practice.runner + "/intake/" + practice.riverside,
                Map.of("language", "en", "answers", answers, "consents", List.of("TREATMENT", "DATA_PROCESSING"))));
        JsonNode file = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(),
                "/clients/" + practice.runner + "/intake/" + practice.riverside).body(), it -> it.path("intake").has("submittedAt"));
        assertThat(file.path("intake").path("formVersion").asInt()).isEqualTo(1);
        assertThat(file.path("intake").path("answers").findValuesAsText("questionId")).contains("numbness").doesNotContain("bone-point-pain");

        // setting what is set records nothing new
        expect(204, set(TestTokens.admin(), practice.riverside, Map.of("intakeForm", "calf-intake", "intakeFormVersion", 1,
                "followUpEvery", 3)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                "questionnaires:" + practice.riverside)).isEqualTo(1);
    }

    @Test
    void wrong_settings_name_every_field_and_only_admins_set_a_clinic_that_exists() {
        Response wrong = set(TestTokens.admin(), practice.riverside, Map.of("intakeForm", "calf-intake", "intakeFormVersion", 9,
                "followUpEvery", 0));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("intakeFormVersion", "followUpEvery");

        Map<String, Object> good = Map.of("intakeForm", "calf-intake", "intakeFormVersion", 1, "followUpEvery", 2);
        assertThat(set(TestTokens.admin(), ClinicId.random(), good).status()).isEqualTo(404);
        assertThat(set(practice.maya(), practice.riverside, good).status()).isEqualTo(403);
        assertThat(set(practice.runnerToken(), practice.riverside, good).status()).isEqualTo(403);
        assertThat(practice.api.get(practice.maya(), "/questionnaire-settings").status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                "questionnaires:" + practice.riverside)).as("nothing was set").isZero();
        assertThat(settingsOf(practice.riverside).path("setAt").isNull()).isTrue();
    }

    @Test
    void after_the_clinics_number_of_assessed_sessions_the_case_asks_its_client_to_answer_again_once() {
        expect(204, set(TestTokens.admin(), practice.riverside, Map.of("intakeForm", "calf-intake", "intakeFormVersion", 2,
                "followUpEvery", 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> settingsOf(practice.riverside).path("followUpEvery").asInt() == 2);
        String caseId = practice.openCase();
        SessionId[] sessions = new SessionId[4];
        for (int i = 0; i < sessions.length; i++) {
            java.time.Instant start = TreatmentServiceTest.NOW.minus(Duration.ofDays(7L * (sessions.length - i)));
            sessions[i] = practice.sessionBooked(start);
            practice.attended(sessions[i], start.plus(Duration.ofMinutes(45)));
            practice.awaitSession(sessions[i], "ATTENDED");
        }
        expect(201, practice.assess(caseId, sessions[0], 7));
        expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.psfs(3)));
        expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.lefs(52)));
        JsonNode answered = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.runnerToken(),
                "/cases/" + caseId).body(), it -> it.path("measures").size() == 2);
        assertThat(answered.path("questionnairesDue")).isEmpty();

        expect(201, practice.assess(caseId, sessions[1], 6));
        assertThat(requests(caseId)).as("one session since her answers: not yet").isZero();
        expect(201, practice.assess(caseId, sessions[2], 5));
        assertThat(requests(caseId)).isEqualTo(1);
        JsonNode due = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.runnerToken(),
                "/cases/" + caseId).body(), it -> it.path("questionnairesDue").size() == 2);
        assertThat(List.of(due.path("questionnairesDue").get(0).asText(), due.path("questionnairesDue").get(1).asText()))
                .containsExactly("lefs", "psfs");

        // she answers one; the other stays due, and is not asked for again at the next session
        expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.lefs(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.runnerToken(), "/cases/" + caseId).body()
                .path("questionnairesDue").toString().equals("[\"psfs\"]"));
        expect(201, practice.assess(caseId, sessions[3], 4));
        assertThat(requests(caseId)).isEqualTo(1);
    }
}
