package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake with red-flag screening and consent, over HTTP: the form is data in two languages; a "yes"
 * to a red-flag question raises the flag, tells the client to seek medical advice first and shows on
 * the clinic's screening; treatment records without current consent are refused with the rule named
 * and nothing kept; bad answers name their field and change nothing.
 */
@TreatmentServiceTest
class IntakeAndConsentTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Practice practice;
    SessionId today;

    @BeforeEach
    void theRunnerHasASessionAtRiverside() {
        practice = new Practice(port, jdbc);
        today = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofHours(1)));
        practice.attended(today, TreatmentServiceTest.NOW);
        practice.awaitSession(today, "ATTENDED");
    }

    @AfterEach
    void close() {
        practice.close();
    }

    /** Answers to every required question, the red-flag ones all "no" but long travel, and both consents. */
    static Map<String, Object> answers(String longTravel) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("complaint-history", "Deep ache in the lower left calf after my long runs, for three weeks");
        answers.put("complaint-duration", "weeks");
        answers.put("weekly-km", "35");
        for (String flag : List.of("calf-swelling", "calf-warm-red", "surgery-immobilisation", "clot-history",
                "night-pain", "rest-pain", "numbness", "bone-point-pain", "exertional-tightness")) {
            answers.put(flag, "no");
        }
        answers.put("long-travel", longTravel);
        return Map.of("language", "en", "answers", answers, "consents", List.of("TREATMENT", "DATA_PROCESSING"));
    }

    Response submit(String token, Map<String, Object> body) {
        return practice.api.post(token, "/clients/" + practice.runner + "/intake/" + practice.riverside, body);
    }

    JsonNode file(String token, String language) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(token, "/clients/" + practice.runner
                + "/intake/" + practice.riverside + "?language=" + language).body(), body -> body.path("intake").has("submittedAt"));
    }

    long stored(String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, "file:" + practice.runner + ":" + practice.riverside, "io.soleus.kernel.treatment." + type);
    }

    @Test
    void the_clinics_form_is_data_with_red_flag_questions_and_consent_texts_in_english_and_german() {
        JsonNode form = expect(200, practice.api.get(practice.runnerToken(), "/clinics/" + practice.riverside + "/intake-form")).body();

        assertThat(form.path("form").asText()).isEqualTo("calf-intake");
        assertThat(form.path("version").asInt()).as("a clinic no admin set up asks the newest").isEqualTo(2);
        List<String> redFlags = form.findValues("questions").stream().flatMap(questions -> questions.findParents("redFlag").stream())
                .filter(question -> question.path("redFlag").asBoolean()).map(question -> question.path("id").asText()).toList();
        assertThat(redFlags).containsExactly("calf-swelling", "calf-warm-red", "long-travel", "surgery-immobilisation",
                "clot-history", "night-pain", "rest-pain", "numbness", "bone-point-pain", "exertional-tightness");
        assertThat(form.path("consents").findValuesAsText("kind")).containsExactly("TREATMENT", "DATA_PROCESSING");
        assertThat(form.path("advice").path("de").asText()).contains("ärztlich");
        assertThat(form.findValues("text")).allSatisfy(text -> assertThat(text.has("en") && text.has("de")).as(text.toString()).isTrue());
    }

    @Test
    void an_intake_without_red_flags_keeps_the_answers_and_consents_and_raises_nothing() {
        JsonNode answer = expect(201, submit(practice.runnerToken(), answers("no"))).body();

        assertThat(answer.path("redFlag").asBoolean()).isFalse();
        assertThat(answer.path("advice").isNull()).isTrue();
        JsonNode file = file(practice.maya(), "en");
        assertThat(file.path("intake").path("redFlag").asBoolean()).isFalse();
        assertThat(file.path("intake").path("answers").findValuesAsText("answer")).contains("35 km", "A few weeks", "No");
        await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.maya(), "en").path("consented").asBoolean());
        assertThat(stored("IntakeSubmitted")).isEqualTo(1);
        assertThat(stored("ConsentGiven")).isEqualTo(2);
        assertThat(stored("RedFlagRaised")).isZero();
    }

    @Test
    void a_yes_to_a_red_flag_question_raises_the_flag_advises_the_client_in_her_language_and_shows_on_the_screening() {
        Map<String, Object> german = new LinkedHashMap<>(answers("yes"));
        german.put("language", "de");
        JsonNode answer = expect(201, submit(practice.runnerToken(), german)).body();

        assertThat(answer.path("redFlag").asBoolean()).isTrue();
        assertThat(answer.has("redFlags")).as("which questions is clinical data, kept in the sealed file").isFalse();
        assertThat(answer.path("advice").asText()).contains("ärztlich beraten");
        assertThat(stored("RedFlagRaised")).isEqualTo(1);

        // the flag is an event of its own after the intake's: the file shows it a moment later
        JsonNode file = await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.maya(), "en"),
                it -> it.path("intake").path("redFlag").asBoolean());
        assertThat(file.path("intake").path("advice").asText()).contains("seek medical advice first");
        List<JsonNode> flagged = file.path("intake").path("answers").findParents("redFlag").stream()
                .filter(it -> it.path("redFlag").asBoolean()).toList();
        assertThat(flagged).singleElement().satisfies(it -> {
            assertThat(it.path("questionId").asText()).isEqualTo("long-travel");
            assertThat(it.path("answer").asText()).isEqualTo("Yes");
        });
        // her consents follow the flag in her file
        JsonNode screening = await().atMost(Duration.ofSeconds(20)).until(() -> expect(200, practice.api.get(practice.maya(),
                "/clinics/" + practice.riverside + "/screening?clientId=" + practice.runner)).body(),
                it -> it.path(0).path("consented").asBoolean());
        assertThat(screening.path(0).path("redFlag").asBoolean()).isTrue();

        expect(201, submit(practice.runnerToken(), answers("no")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !practice.api.get(practice.maya(), "/clinics/"
                + practice.riverside + "/screening?clientId=" + practice.runner).body().path(0).path("redFlag").asBoolean());
    }

    @Test
    void treatment_records_without_current_consent_are_refused_naming_the_rule_and_keep_nothing() {
        Response opened = practice.requestCase();
        String caseId = expect(201, opened).text("caseId");
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Response refused = practice.assess(caseId, today, 6);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("rule")).isEqualTo("consent-required");
        assertThat(refused.body().path("missing").toString()).isEqualTo("[\"DATA_PROCESSING\",\"TREATMENT\"]");
        assertThat(practice.treat(caseId, today).status()).isEqualTo(409);
        assertThat(practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", ReferenceCaseTest.plan()).text("rule"))
                .isEqualTo("consent-required");
        assertThat(ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.psfs(3)).body().path("missing").toString())
                .as("her own questionnaire needs her consent to the processing of her data only")
                .isEqualTo("[\"DATA_PROCESSING\"]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);

        expect(204, practice.api.post(practice.maya(), "/clients/" + practice.runner + "/consents/" + practice.riverside,
                Map.of("kinds", List.of("TREATMENT"))));
        Response halfway = practice.assess(caseId, today, 6);
        assertThat(halfway.status()).isEqualTo(409);
        assertThat(halfway.body().path("missing").toString()).isEqualTo("[\"DATA_PROCESSING\"]");

        practice.consented(practice.runner, practice.riverside, practice.maya());
        expect(201, practice.assess(caseId, today, 6));

        expect(204, practice.api.post(practice.runnerToken(), "/clients/" + practice.runner + "/consents/"
                + practice.riverside + "/withdrawal", Map.of("kinds", List.of("TREATMENT"))));
        Response withdrawn = practice.treat(caseId, today);
        assertThat(withdrawn.status()).isEqualTo(409);
        assertThat(withdrawn.text("rule")).isEqualTo("consent-required");
        JsonNode file = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), "/clients/"
                + practice.runner + "/intake/" + practice.riverside).body(), it -> !it.path("consented").asBoolean()
                && it.path("consents").size() == 2);
        assertThat(file.path("missingConsents").toString()).isEqualTo("[\"TREATMENT\"]");
        assertThat(file.path("consents").findParents("withdrawnVia").stream().map(it -> it.path("withdrawnVia").asText()))
                .contains("INTAKE");
    }

    @Test
    void consent_given_twice_to_the_same_text_is_kept_once_and_one_never_given_cannot_be_withdrawn() {
        practice.consented(practice.runner, practice.riverside, practice.maya());
        practice.consented(practice.runner, practice.riverside, practice.maya());

        assertThat(stored("ConsentGiven")).isEqualTo(2);
        Response nothing = practice.api.post(practice.maya(), "/clients/" + practice.runner + "/consents/"
                + ClinicId.random() + "/withdrawal", Map.of("kinds", List.of("TREATMENT")));
        assertThat(nothing.status()).isEqualTo(404);
        ClientId stranger = practice.clientRegistered("Sol Stranger", "sol.stranger@example.org");
        assertThat(practice.api.post(practice.maya(), "/clients/" + stranger + "/consents/" + practice.riverside,
                Map.of("kinds", List.of("TREATMENT"))).status()).as("staff record consent for a client with a session "
                + "or a case at their clinic, not for anyone the platform knows").isEqualTo(404);
    }

    @Test
    void bad_answers_name_their_field_and_change_nothing() {
        Map<String, Object> missing = answers("no");
        @SuppressWarnings("unchecked")
        Map<String, String> withoutSwelling = new LinkedHashMap<>((Map<String, String>) missing.get("answers"));
        withoutSwelling.remove("calf-swelling");
        Map<String, String> unknown = new LinkedHashMap<>(withoutSwelling);
        unknown.put("calf-swelling", "no");
        unknown.put("favourite-colour", "blue");
        Map<String, String> maybe = new LinkedHashMap<>(unknown);
        maybe.remove("favourite-colour");
        maybe.put("numbness", "maybe");
        Map<String, String> tooFar = new LinkedHashMap<>(maybe);
        tooFar.put("numbness", "no");
        tooFar.put("weekly-km", "4000");

        assertThat(submit(practice.runnerToken(), Map.of("answers", withoutSwelling)).invalidField()).isEqualTo("answers.calf-swelling");
        assertThat(submit(practice.runnerToken(), Map.of("answers", unknown)).invalidField()).isEqualTo("answers.favourite-colour");
        assertThat(submit(practice.runnerToken(), Map.of("answers", maybe)).invalidField()).isEqualTo("answers.numbness");
        assertThat(submit(practice.runnerToken(), Map.of("answers", tooFar)).invalidField()).isEqualTo("answers.weekly-km");
        assertThat(practice.api.post(practice.maya(), "/clients/" + practice.runner + "/consents/" + practice.riverside,
                Map.of("kinds", List.of("EVERYTHING"))).status()).isEqualTo(400);
        assertThat(practice.api.post(practice.maya(), "/clients/" + practice.runner + "/consents/" + practice.riverside,
                Map.of("kinds", List.of())).invalidField()).isEqualTo("kinds");
        assertThat(stored("IntakeSubmitted") + stored("ConsentGiven")).isZero();
    }

    @Test
    void only_the_client_and_the_clinics_staff_reach_a_file_and_a_client_answers_only_where_she_has_a_session() {
        ClientId someoneElse = practice.clientRegistered("Bo Bergström", "bo.bergstrom@example.org");
        String elsewhere = TestTokens.therapist(practice.maya.toString(), ClinicId.random().toString());

        assertThat(submit(TestTokens.client(someoneElse.toString()), answers("no")).status()).isEqualTo(403);
        assertThat(submit(elsewhere, answers("no")).status()).isEqualTo(404);
        assertThat(practice.api.post(TestTokens.client(someoneElse.toString()), "/clients/" + someoneElse + "/intake/"
                + practice.riverside, answers("no")).status()).isEqualTo(404);
        expect(201, submit(practice.runnerToken(), answers("yes")));
        await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.runnerToken(), "en"),
                it -> it.path("intake").path("redFlag").asBoolean());
        assertThat(practice.api.get(elsewhere, "/clients/" + practice.runner + "/intake/" + practice.riverside).status())
                .isEqualTo(404);
        assertThat(practice.api.get(elsewhere, "/clinics/" + practice.riverside + "/screening?clientId=" + practice.runner)
                .status()).isEqualTo(404);
        assertThat(practice.api.get(TestTokens.client(someoneElse.toString()), "/clients/" + practice.runner + "/intake")
                .status()).isEqualTo(403);
        assertThat(expect(200, practice.api.get(elsewhere, "/clients/" + practice.runner + "/intake")).body()).isEmpty();
        assertThat(expect(200, practice.api.get(practice.runnerToken(), "/clients/" + practice.runner + "/intake")).body()
                .path(0).path("intake").path("redFlag").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_access WHERE client_id = ? AND viewed = 'INTAKE'",
                Long.class, practice.runner.value())).isZero();
        file(practice.maya(), "en");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_access WHERE client_id = ? AND viewed = 'INTAKE'",
                Long.class, practice.runner.value())).isEqualTo(1);
    }

    @Test
    void questionnaires_answered_with_the_intake_become_the_baseline_of_the_case_opened_for_her_and_of_no_other() {
        expect(201, submit(practice.runnerToken(), answers("no")));
        JsonNode before = await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.runnerToken(), "en"),
                it -> it.path("consented").asBoolean());
        assertThat(before.path("questionnairesDue").toString()).isEqualTo("[\"lefs\",\"psfs\"]");
        String measures = "/clients/" + practice.runner + "/intake/" + practice.riverside + "/measures";
        assertThat(expect(201, practice.api.post(practice.runnerToken(), measures, ReferenceCaseTest.lefs(52))).body()
                .path("score").asDouble()).isEqualTo(52.0);
        expect(201, practice.api.post(practice.runnerToken(), measures, ReferenceCaseTest.psfs(3)));
        JsonNode answered = await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.runnerToken(), "en"),
                it -> it.path("questionnaires").size() == 2);
        assertThat(answered.path("questionnairesDue")).isEmpty();
        assertThat(answered.path("questionnaires").findValuesAsText("caseId")).containsOnly("null");

        // her therapist opens her case at the first session: what she answered is its baseline
        String caseId = practice.openCase();
        JsonNode outcome = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(),
                "/cases/" + caseId).body(), it -> it.path("measures").size() == 2);
        assertThat(outcome.path("measures").findValuesAsText("occasion")).containsOnly("BASELINE");
        assertThat(outcome.path("function").findValuesAsText("baseline")).containsExactly("52.0", "3.0");
        assertThat(outcome.path("questionnairesDue")).as("answered before the case was opened").isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.runnerToken(), "en").path("questionnaires")
                .findValuesAsText("caseId"), cases -> cases.equals(List.of(caseId, caseId)));

        // while her case is open its questionnaires are the case's: none is asked or taken with the intake
        assertThat(practice.api.post(practice.runnerToken(), measures, ReferenceCaseTest.lefs(60)).text("rule"))
                .isEqualTo("case-open");
        assertThat(file(practice.runnerToken(), "en").path("questionnairesDue")).isEmpty();

        // a second case at the clinic starts with none of them
        String second = ApiClient.created(practice.requestCase()).text("caseId");
        JsonNode next = await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(),
                "/cases/" + second).body(), it -> it.has("questionnairesDue"));
        assertThat(next.path("measures")).isEmpty();
        assertThat(stored("IntakeQuestionnairesAdopted")).isEqualTo(1);
    }

    @Test
    void the_clinics_staff_clear_a_red_flag_with_a_note_and_a_new_intake_with_a_flag_raises_it_again() {
        expect(201, submit(practice.runnerToken(), answers("yes")));
        String screening = "/clinics/" + practice.riverside + "/screening?clientId=" + practice.runner;
        await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), screening).body()
                .path(0).path("redFlag").asBoolean());
        String clearance = "/clients/" + practice.runner + "/intake/" + practice.riverside + "/red-flag-clearance";

        assertThat(practice.api.post(practice.maya(), clearance, Map.of("note", " ")).invalidField()).isEqualTo("note");
        assertThat(practice.api.post(practice.runnerToken(), clearance, Map.of("note", "I feel fine")).status()).isEqualTo(403);
        assertThat(practice.api.post(TestTokens.therapist(TherapistId.random().toString(), ClinicId.random().toString()),
                clearance, Map.of("note", "Not my client")).status()).isEqualTo(404);
        assertThat(stored("RedFlagCleared")).isZero();

        expect(204, practice.api.post(practice.maya(), clearance, Map.of("note", "Seen by her GP on Monday: no sign of a clot")));
        JsonNode cleared = await().atMost(Duration.ofSeconds(20)).until(() -> file(practice.maya(), "en").path("intake"),
                intake -> intake.path("clearance").has("at"));
        assertThat(cleared.path("redFlag").asBoolean()).as("the intake raised it; the clearance says it is cleared").isTrue();
        assertThat(cleared.path("clearance").path("note").asText()).isEqualTo("Seen by her GP on Monday: no sign of a clot");
        assertThat(cleared.path("clearance").path("by").asText()).isEqualTo(practice.maya.toString());
        assertThat(practice.api.get(practice.maya(), screening).body().path(0).path("redFlag").asBoolean()).isFalse();
        assertThat(practice.api.post(practice.maya(), clearance, Map.of("note", "Again")).text("rule")).isEqualTo("no-red-flag");

        expect(201, submit(practice.runnerToken(), answers("yes")));
        await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), screening).body()
                .path(0).path("redFlag").asBoolean());
        assertThat(file(practice.maya(), "en").path("intake").path("clearance").isNull()).isTrue();
        assertThat(stored("RedFlagCleared")).isEqualTo(1);
    }
}
