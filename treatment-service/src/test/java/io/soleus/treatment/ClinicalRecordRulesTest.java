package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.created;
import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ApiDescriptions;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinical record's rules, each told as: given what booking published and what was recorded,
 * when a therapist, admin or client sends one more thing, then it is kept, or refused with the rule
 * named and nothing changed.
 */
@TreatmentServiceTest
class ClinicalRecordRulesTest {

    static final Instant TODAY_TEN = TreatmentServiceTest.NOW.plus(Duration.ofHours(2));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    Practice practice;
    String caseId;

    @BeforeEach
    void aCaseForTheRunner() {
        practice = new Practice(port, jdbc);
        caseId = practice.openCase();
    }

    @AfterEach
    void close() {
        practice.close();
        clock.set(TreatmentServiceTest.NOW);
    }

    SessionId attendedSession() {
        SessionId session = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(session, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(session, "ATTENDED");
        return session;
    }

    long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    void refused(Response response, String rule) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(409);
        assertThat(response.text("rule")).isEqualTo(rule);
    }

    @Test
    void a_case_is_opened_only_for_a_client_booking_has_told_of() {
        Response unknown = practice.api.post(practice.maya(), "/cases", Map.of("clientId", ClientId.random(),
                "clinicId", practice.riverside, "complaint", "Calf pain",
                "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"), "side", "LEFT"));

        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void a_therapist_opens_cases_only_at_their_own_clinics() {
        Response elsewhere = practice.api.post(TestTokens.therapist(practice.maya.toString(), "another-clinic"), "/cases",
                Map.of("clientId", practice.runner, "clinicId", practice.riverside, "complaint", "Calf pain",
                        "workingFinding", Map.of("code", "soleus-myofascial-pain", "label", "Soleus myofascial pain"),
                        "side", "LEFT"));

        assertThat(elsewhere.status()).isEqualTo(404);
    }

    @Test
    void a_record_for_a_session_booking_has_not_told_of_yet_is_refused_and_changes_nothing() {
        long before = storedEvents();

        refused(practice.assess(caseId, SessionId.random(), 6), "session-not-yet-known");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void records_attach_only_to_the_cases_clients_sessions() {
        ClientId someoneElse = ClientId.random();
        SessionId theirs = practice.sessionBooked(someoneElse, practice.maya, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(theirs, someoneElse, practice.maya, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(theirs, "ATTENDED");

        refused(practice.assess(caseId, theirs, 6), "session-of-another-client");
    }

    @Test
    void records_attach_only_to_sessions_at_the_cases_clinic() {
        ClinicId hillside = ClinicId.random();
        Instant yesterday = TreatmentServiceTest.NOW.minus(Duration.ofDays(1));
        SessionId elsewhere = practice.sessionBooked(practice.runner, practice.maya, hillside, yesterday);
        practice.attended(elsewhere, practice.runner, practice.maya, hillside, yesterday);
        practice.awaitSession(elsewhere, "ATTENDED");

        refused(practice.assess(caseId, elsewhere, 6), "session-at-another-clinic");
    }

    @Test
    void only_the_sessions_therapist_or_an_admin_records_it() {
        TherapistId tom = TherapistId.random();
        SessionId tomsSession = practice.sessionBooked(practice.runner, tom, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.attended(tomsSession, practice.runner, tom, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
        practice.awaitSession(tomsSession, "ATTENDED");

        refused(practice.assess(caseId, tomsSession, 6), "not-the-sessions-therapist");
        Response byAdmin = practice.api.post(TestTokens.admin(), "/cases/" + caseId + "/assessments", Map.of(
                "sessionId", tomsSession, "pain", 6, "tightness", "MODERATE"));
        assertThat(byAdmin.status()).isEqualTo(201);
    }

    @Test
    void a_session_is_recorded_once_attended_or_on_its_day_but_not_before() {
        SessionId nextWeek = practice.sessionBooked(TreatmentServiceTest.NOW.plus(Duration.ofDays(7)));
        SessionId today = practice.sessionBooked(TODAY_TEN);
        practice.awaitSession(nextWeek, "BOOKED");
        practice.awaitSession(today, "BOOKED");

        refused(practice.assess(caseId, nextWeek, 6), "session-not-attended-or-today");
        assertThat(practice.assess(caseId, today, 6).status()).isEqualTo(201);
    }

    @Test
    void a_missed_session_takes_no_clinical_record() {
        SessionId missed = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(2)));
        practice.missed(missed, TreatmentServiceTest.NOW.minus(Duration.ofDays(2)));
        practice.awaitSession(missed, "MISSED");

        refused(practice.treat(caseId, missed), "session-not-attended-or-today");
    }

    @Test
    void a_session_has_one_assessment_in_a_case() {
        SessionId session = attendedSession();
        expect(201, practice.assess(caseId, session, 6));

        refused(practice.assess(caseId, session, 5), "session-already-assessed");
    }

    @Test
    void a_discharged_case_takes_no_more_records() {
        SessionId session = attendedSession();
        expect(204, practice.api.post(practice.maya(), "/cases/" + caseId + "/discharge", Map.of("finalPain", 2,
                "backToActivity", false, "reason", "Moved away")));

        refused(practice.assess(caseId, session, 6), "case-discharged");
        refused(practice.api.post(practice.maya(), "/cases/" + caseId + "/discharge", Map.of("finalPain", 2,
                "backToActivity", false, "reason", "Again")), "case-discharged");
    }

    @Test
    void a_plan_prescribes_from_the_library_with_a_valid_dose() {
        Response unknownExercise = practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", Map.of("exercises",
                List.of(Map.of("exerciseId", java.util.UUID.randomUUID(), "dose",
                        Map.of("sets", 3, "reps", 15, "times", 1, "per", "DAY", "weeks", 4)))));
        Response badDose = practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", Map.of("exercises",
                List.of(Map.of("exerciseId", ReferenceCaseTest.exercise("soleus-wall-stretch"), "dose",
                        Map.of("sets", 3, "reps", 15, "holdSeconds", 30, "times", 1, "per", "DAY", "weeks", 4)))));

        assertThat(unknownExercise.status()).isEqualTo(400);
        assertThat(unknownExercise.invalidField()).isEqualTo("exercises[0].exerciseId");
        assertThat(badDose.status()).isEqualTo(400);
        assertThat(badDose.invalidField()).startsWith("exercises[0].dose");
    }

    @Test
    void a_revised_plan_is_the_next_revision_of_the_same_plan() {
        expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", ReferenceCaseTest.plan()));
        expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", Map.of("exercises", List.of(
                Map.of("exerciseId", ReferenceCaseTest.exercise("soleus-wall-stretch"), "dose",
                        Map.of("sets", 4, "holdSeconds", 45, "times", 2, "per", "DAY", "weeks", 2))))));

        List<Map<String, Object>> plans = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') AS json FROM domain_event_entry
                WHERE payload_type = 'io.soleus.kernel.treatment.PlanAssigned' AND aggregate_identifier = ? ORDER BY sequence_number""",
                caseId);
        assertThat(plans).hasSize(2);
        assertThat(plans.get(1).get("json").toString()).contains("\"revision\":2");
    }

    @Test
    void a_request_repeated_under_its_idempotency_key_acts_once_and_is_answered_alike() {
        long before = storedEvents();
        Response opened = created(practice.requestCase("Idempotency-Key", "open-" + caseId));
        Response openedAgain = created(practice.requestCase("Idempotency-Key", "open-" + caseId));
        assertThat(openedAgain.text("caseId")).isEqualTo(opened.text("caseId"));
        assertThat(openedAgain.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(opened.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(storedEvents()).as("one CaseOpened").isEqualTo(before + 1);

        SessionId session = attendedSession();
        String assessment = created(practice.assess(caseId, session, 7, "Idempotency-Key", "assess-" + caseId))
                .text("assessmentId");
        assertThat(created(practice.assess(caseId, session, 7, "Idempotency-Key", "assess-" + caseId))
                .text("assessmentId")).as("the first answer, not session-already-assessed").isEqualTo(assessment);
        Map<String, Object> release = Map.of("sessionId", session, "minutes", 10, "response", "RELEASED",
                "region", Map.of("muscle", "soleus", "side", "LEFT", "region", "lower calf"));
        String releases = "/cases/" + caseId + "/myofascial-releases";
        expect(204, practice.api.post(practice.maya(), releases, release, "Idempotency-Key", "release-" + caseId));
        expect(204, practice.api.post(practice.maya(), releases, release, "Idempotency-Key", "release-" + caseId));
        String plan = "/cases/" + caseId + "/plan";
        expect(204, practice.api.put(practice.maya(), plan, ReferenceCaseTest.plan(), "Idempotency-Key", "plan-" + caseId));
        Response planAgain = expect(204, practice.api.put(practice.maya(), plan, ReferenceCaseTest.plan(),
                "Idempotency-Key", "plan-" + caseId));
        assertThat(planAgain.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        List<String> events = jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, caseId);
        assertThat(events).as("the case's events, each once").containsExactly(
                "io.soleus.kernel.treatment.CaseOpened", "io.soleus.kernel.treatment.AssessmentRecorded",
                "io.soleus.kernel.treatment.MyofascialReleaseApplied", "io.soleus.kernel.treatment.PlanAssigned");

        long recorded = storedEvents();
        Response reused = practice.api.put(practice.maya(), plan, Map.of("exercises", List.of(
                Map.of("exerciseId", ReferenceCaseTest.exercise("soleus-wall-stretch"), "dose",
                        Map.of("sets", 4, "holdSeconds", 45, "times", 2, "per", "DAY", "weeks", 2)))),
                "Idempotency-Key", "plan-" + caseId);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.invalidField()).isEqualTo("Idempotency-Key");
        Response malformed = practice.requestCase("Idempotency-Key", "k".repeat(256));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.invalidField()).isEqualTo("Idempotency-Key");
        assertThat(storedEvents()).as("nothing more recorded").isEqualTo(recorded);
    }

    @Test
    void progress_is_logged_only_for_exercises_of_the_plan() {
        Map<String, Object> done = Map.of("exerciseId", ReferenceCaseTest.exercise("seated-calf-raises"), "outcome", "DONE",
                "day", "2026-11-30");
        refused(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress", done), "no-plan");

        expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", Map.of("exercises", List.of(
                Map.of("exerciseId", ReferenceCaseTest.exercise("soleus-wall-stretch"), "dose",
                        Map.of("sets", 3, "holdSeconds", 30, "times", 2, "per", "DAY", "weeks", 4))))));
        refused(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress", done), "exercise-not-in-plan");
    }

    @Test
    void progress_is_logged_for_days_of_the_plan_not_the_future() {
        expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", ReferenceCaseTest.plan()));
        String stretch = ReferenceCaseTest.exercise("soleus-wall-stretch");

        refused(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress",
                Map.of("exerciseId", stretch, "outcome", "DONE", "day", "2026-12-05")), "progress-day-outside-plan");
        refused(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress",
                Map.of("exerciseId", stretch, "outcome", "DONE", "day", "2026-11-01")), "progress-day-outside-plan");
        expect(204, practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress",
                Map.of("exerciseId", stretch, "outcome", "SKIPPED", "pain", 4, "day", "2026-11-30")));
    }

    @Test
    void each_audience_reaches_only_its_own() {
        expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", ReferenceCaseTest.plan()));
        String stranger = TestTokens.client(ClientId.random().toString());
        Map<String, Object> done = Map.of("exerciseId", ReferenceCaseTest.exercise("seated-calf-raises"), "outcome", "DONE",
                "day", "2026-11-30");

        assertThat(practice.api.post(stranger, "/cases/" + caseId + "/progress", done).status()).isEqualTo(404);
        assertThat(practice.api.get(stranger, "/cases/" + caseId).status()).isEqualTo(404);
        assertThat(practice.api.post(practice.runnerToken(), "/cases/" + ReferenceCaseTest.exercise("seated-calf-raises")
                + "/progress", done).status()).as("an exercise's id where a case's is meant").isEqualTo(404);
        assertThat(practice.api.get(TestTokens.therapist(practice.maya.toString(), "another-clinic"), "/cases/" + caseId)
                .status()).isEqualTo(404);
        assertThat(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/discharge", Map.of("finalPain", 0,
                "backToActivity", true, "reason", "I feel fine")).status()).as("a client discharging").isEqualTo(403);
        assertThat(practice.api.get(practice.runnerToken(), "/reports/outcomes?by=clinic").status()).isEqualTo(403);
        assertThat(practice.api.post(practice.runnerToken(), "/exercises", Map.of("name", "Jumping", "description", "Up"))
                .status()).isEqualTo(403);
        assertThat(practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress", done).status()).isEqualTo(204);
    }

    @Test
    void bad_input_is_a_400_naming_the_field() {
        SessionId session = attendedSession();
        long before = storedEvents();

        Response painOutOfScale = practice.assess(caseId, session, 11);
        Response noTightness = practice.api.post(practice.maya(), "/cases/" + caseId + "/assessments",
                Map.of("sessionId", session, "pain", 5));
        Response badReport = practice.api.get(TestTokens.admin(), "/reports/outcomes?by=weather");

        assertThat(painOutOfScale.status()).isEqualTo(400);
        assertThat(painOutOfScale.invalidField()).isEqualTo("pain");
        assertThat(noTightness.invalidField()).isEqualTo("tightness");
        assertThat(badReport.invalidField()).isEqualTo("by");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void the_api_is_described_by_openapi_with_how_to_get_in() {
        Response docs = practice.api.get(null, "/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/cases/{caseId}/assessments")).isTrue();
        assertThat(docs.body().path("paths").has("/reports/outcomes")).isTrue();
        ApiDescriptions.assertComplete("treatment-service", docs.body());
    }

    @Test
    void admins_and_therapists_add_exercises_to_the_library() {
        String exercise = created(practice.api.post(practice.maya(), "/exercises", Map.of("name", "Single-leg balance",
                "description", "Stand on one leg, knee soft, for 30 seconds."))).text("exerciseId");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                practice.api.get(practice.runnerToken(), "/exercises").body().findValuesAsText("exerciseId").contains(exercise));
        assertThat(practice.api.get(practice.runnerToken(), "/exercises").body().findValuesAsText("name"))
                .contains("Bent-knee calf raises", "Soleus wall stretch", "Seated calf raises", "Foam rolling the calf");
    }
}
