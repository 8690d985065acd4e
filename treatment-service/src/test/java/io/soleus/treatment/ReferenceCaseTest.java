package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.Topics;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.TestTokens;
import io.soleus.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reference case of DOMAIN.md: a 28-year-old runner training for a half marathon with a deep
 * ache in the lower calf. Four weekly sessions of myofascial release and trigger point therapy take
 * her pain from 7 to 2, she keeps to the four soleus exercises at home, and she is discharged back
 * to her usual routes. Her booking arrives over Kafka; everything else goes through the HTTP API.
 */
@TreatmentServiceTest
class ReferenceCaseTest {

    static final int[] PAIN = {7, 5, 3, 2};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.set(TreatmentServiceTest.NOW);
    }

    @Test
    void the_runner_is_treated_from_pain_7_to_2_and_the_reports_show_a_meaningful_change_after_two_sessions() {
        try (Practice practice = new Practice(port, jdbc)) {
            String caseId = practice.openCase();
            List<SessionId> sessions = new ArrayList<>();
            for (int week = 0; week < PAIN.length; week++) {
                Instant start = TreatmentServiceTest.NOW.plus(Duration.ofDays(7L * week)).plus(Duration.ofHours(1));
                clock.set(start.plus(Duration.ofMinutes(50)));
                SessionId session = practice.sessionBooked(start);
                practice.attended(session, start.plus(Duration.ofMinutes(45)));
                practice.awaitSession(session, "ATTENDED");
                sessions.add(session);

                expect(201, practice.assess(caseId, session, PAIN[week]));
                expect(204, practice.treat(caseId, session));
                if (week == 0) {
                    expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", plan()));
                    // her baseline: running 10 km rated 3 of 10 (PSFS), LEFS 52 of 80
                    assertThat(expect(201, measure(practice, caseId, psfs(3))).text("occasion")).isEqualTo("BASELINE");
                    assertThat(expect(201, measure(practice, caseId, lefs(52))).text("occasion")).isEqualTo("BASELINE");
                }
                logAWeekOfExercises(practice, caseId, start, week);
            }
            expect(204, practice.api.post(practice.maya(), "/cases/" + caseId + "/discharge", Map.of("finalPain", 1,
                    "backToActivity", true, "reason", "Runs her usual routes without pain")));
            // and after the fourth session: running 10 km rated 9, LEFS 76
            assertThat(expect(201, measure(practice, caseId, psfs(9))).text("occasion")).isEqualTo("DISCHARGE");
            assertThat(expect(201, measure(practice, caseId, lefs(76))).body().path("score").asDouble()).isEqualTo(76.0);

            JsonNode outcome = await().atMost(Duration.ofSeconds(20)).until(
                    () -> practice.api.get(practice.maya(), "/cases/" + caseId).body(),
                    body -> body.path("discharge").has("at"));
            assertThat(outcome.path("baselinePain").asInt()).isEqualTo(7);
            assertThat(outcome.path("painTrajectory")).extracting(point -> point.path("pain").asInt())
                    .containsExactly(7, 5, 3, 2);
            assertThat(outcome.path("meaningfulChange").path("reached").asBoolean()).isTrue();
            assertThat(outcome.path("meaningfulChange").path("sessions").asInt()).isEqualTo(2);
            assertThat(outcome.path("meaningfulChange").path("days").asInt()).isEqualTo(7);
            assertThat(outcome.path("techniqueSessions").path("myofascial-release").asInt()).isEqualTo(4);
            assertThat(outcome.path("techniqueSessions").path("trigger-point-therapy").asInt()).isEqualTo(4);
            assertThat(outcome.path("plan").path("exercises")).extracting(exercise -> exercise.path("name").asText())
                    .containsExactly("Bent-knee calf raises", "Soleus wall stretch", "Seated calf raises", "Foam rolling the calf");
            assertThat(outcome.path("plan").path("exercises").path(0).path("description").asText()).contains("knees slightly bent");
            assertThat(outcome.path("plan").path("adherencePercent").asDouble()).isEqualTo(87.5);
            assertThat(outcome.path("discharge").path("backToActivity").asBoolean()).isTrue();
            JsonNode firstAssessment = outcome.path("assessments").path(0);
            assertThat(firstAssessment.path("pain").asInt()).isEqualTo(7);
            assertThat(firstAssessment.path("tightness").asText()).isEqualTo("SEVERE");
            assertThat(firstAssessment.path("notes").asText()).isEqualTo("Very tight soleus, several trigger points");
            assertThat(firstAssessment.path("triggerPoints").path(0).path("site").path("region").asText()).isEqualTo("lower-medial");
            assertThat(outcome.path("treatments")).hasSize(8);
            assertThat(outcome.path("treatments")).filteredOn(treatment -> treatment.path("technique").asText()
                    .equals("myofascial-release")).allSatisfy(release -> assertThat(release.path("seconds").asInt()).isEqualTo(600));
            assertThat(outcome.path("clientName").asText()).isEqualTo("Riley Runner");
            outcome = await().atMost(Duration.ofSeconds(20)).until(
                    () -> practice.api.get(practice.maya(), "/cases/" + caseId).body(), body -> body.path("measures").size() == 4);
            JsonNode psfs = outcome.path("function").path(1);
            assertThat(psfs.path("instrument").asText()).isEqualTo("psfs");
            assertThat(List.of(psfs.path("baseline").asDouble(), psfs.path("latest").asDouble(), psfs.path("change").asDouble()))
                    .containsExactly(3.0, 9.0, 6.0);
            assertThat(psfs.path("meaningful").asBoolean()).isTrue();
            JsonNode lefs = outcome.path("function").path(0);
            assertThat(List.of(lefs.path("baseline").asDouble(), lefs.path("latest").asDouble(), lefs.path("change").asDouble()))
                    .containsExactly(52.0, 76.0, 24.0);
            assertThat(lefs.path("minimalImportantChange").asDouble()).isEqualTo(9.0);
            assertThat(outcome.path("questionnairesDue")).as("answered at discharge: nothing more to ask").isEmpty();
            JsonNode function = expect(200, practice.api.get(practice.maya(), "/reports/function?by=clinic")).body();
            assertThat(function).extracting(row -> row.path("instrument").asText()).containsExactly("lefs", "psfs");
            assertThat(function.path(1).path("meanBaseline").asDouble()).isEqualTo(3.0);
            assertThat(function.path(1).path("meanChange").asDouble()).isEqualTo(6.0);
            assertThat(function.path(1).path("meaningfulChangePercent").asDouble()).isEqualTo(100.0);
            assertThat(function.path(0).path("meanChange").asDouble()).isEqualTo(24.0);

            JsonNode byFinding = expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=finding")).body();
            JsonNode soleus = row(byFinding, "soleus-myofascial-pain");
            assertThat(soleus.path("cases").asLong()).isPositive();
            assertThat(soleus.path("meaningfulChangePercent").asDouble()).isPositive();
            JsonNode byClinic = expect(200, practice.api.get(practice.maya(), "/reports/outcomes?by=clinic")).body();
            assertThat(byClinic).as("a clinic of her own, with only this case").hasSize(1);
            assertThat(byClinic.path(0).path("meanPainChange").asDouble()).isEqualTo(6.0);
            assertThat(byClinic.path(0).path("medianSessionsToMeaningfulChange").asDouble()).isEqualTo(2.0);
            assertThat(byClinic.path(0).path("adherencePercent").asDouble()).isEqualTo(87.5);
            JsonNode byTherapist = expect(200, practice.api.get(practice.maya(), "/reports/outcomes?by=therapist")).body();
            assertThat(row(byTherapist, practice.maya.toString()).path("meaningfulChangePercent").asDouble()).isEqualTo(100.0);
            JsonNode byMonth = expect(200, practice.api.get(practice.maya(), "/reports/outcomes?by=month")).body();
            assertThat(row(byMonth, "2026-11").path("cases").asLong()).isEqualTo(1);
            JsonNode byTechnique = expect(200, practice.api.get(practice.maya(), "/reports/outcomes?by=technique")).body();
            assertThat(byTechnique).extracting(technique -> technique.path("key").asText())
                    .containsExactly("myofascial-release", "trigger-point-therapy");
            JsonNode operations = expect(200, practice.api.get(practice.maya(), "/reports/operations?by=clinic")).body();
            assertThat(operations.path(0).path("attended").asLong()).isEqualTo(4);

            String hers = "clinicId=" + practice.riverside + "&therapistId=" + practice.maya;
            JsonNode course = expect(200, practice.api.get(TestTokens.admin(), "/reports/pain-course?" + hers)).body();
            assertThat(course).extracting(point -> point.path("meanPain").asDouble()).containsExactly(7.0, 5.0, 3.0, 2.0);
            JsonNode drillDown = expect(200, practice.api.get(TestTokens.admin(), "/reports/cases?" + hers
                    + "&finding=soleus-myofascial-pain&technique=trigger-point-therapy&month=2026-11&meaningful=true")).body();
            assertThat(drillDown).extracting(row -> row.path("caseId").asText()).containsExactly(caseId);
            assertThat(drillDown.path(0).path("clientName").asText()).isEqualTo("Riley Runner");
            assertThat(expect(200, practice.api.get(TestTokens.admin(), "/reports/cases?" + hers + "&meaningful=false")).body())
                    .isEmpty();
            assertThat(expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=clinic&" + hers
                    + "&from=2026-12-01")).body()).as("opened before the period").isEmpty();
            assertThat(row(expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=clinic&" + hers)).body(),
                    practice.riverside.toString()).path("medianDaysToMeaningfulChange").asDouble()).isEqualTo(7.0);
            JsonNode all = expect(200, practice.api.get(TestTokens.admin(), "/reports/outcomes?by=all&" + hers)).body();
            assertThat(all).hasSize(1);
            assertThat(all.path(0).path("cases").asLong()).isEqualTo(1);
            assertThat(all.path(0).path("discharged").asLong()).isEqualTo(1);
            JsonNode opsByMonth = expect(200, practice.api.get(TestTokens.admin(), "/reports/operations?by=month&" + hers)).body();
            assertThat(opsByMonth.findValuesAsText("attended").stream().mapToLong(Long::parseLong).sum()).isEqualTo(4);

            JsonNode timeline = expect(200, practice.api.get(practice.runnerToken(), "/clients/" + practice.runner + "/timeline")).body();
            assertThat(timeline).hasSize(1);
            assertThat(timeline.path(0).path("plan").path("exercises")).hasSize(4);

            List<ConsumerRecord<String, byte[]>> published = TopicReader.readUntil(Topics.TREATMENT,
                    read -> read.stream().filter(record -> record.key().equals(caseId)).count() >= 1 + 4 * 3 + 1 + 32 + 1 + 4,
                    Duration.ofSeconds(30));
            assertThat(published.stream().filter(record -> record.key().equals(caseId))
                    .map(record -> new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .distinct()).containsExactlyInAnyOrder("io.soleus.treatment.CaseOpened",
                    "io.soleus.treatment.AssessmentRecorded", "io.soleus.treatment.MyofascialReleaseApplied",
                    "io.soleus.treatment.TriggerPointTreated", "io.soleus.treatment.PlanAssigned",
                    "io.soleus.treatment.PlanProgressLogged", "io.soleus.treatment.CaseDischarged",
                    "io.soleus.treatment.OutcomeMeasured");
        }
    }

    /** The runner answers a questionnaire for her case. */
    static io.soleus.platform.test.ApiClient.Response measure(Practice practice, String caseId, Map<String, Object> answers) {
        return practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/measures", answers);
    }

    /** Her one activity on the PSFS, running 10 km, rated so. */
    static Map<String, Object> psfs(int rating) {
        return Map.of("instrument", "psfs", "activities", List.of(Map.of("name", "Running 10 km", "rating", rating)));
    }

    /** Every LEFS item rated 4, 3 or 2 so that they add up to {@code total} (40 to 80). */
    static Map<String, Object> lefs(int total) {
        List<String> items = List.of("usual-work", "usual-hobbies", "bath", "walking-rooms", "shoes-socks", "squatting",
                "lifting", "light-home", "heavy-home", "car", "two-blocks", "a-mile", "stairs", "standing", "sitting",
                "running-even", "running-uneven", "sharp-turns", "hopping", "rolling-over");
        Map<String, Object> ratings = new java.util.LinkedHashMap<>();
        int left = total - 2 * items.size();
        for (String item : items) {
            int extra = Math.min(2, left);
            ratings.put(item, 2 + extra);
            left -= extra;
        }
        return Map.of("instrument", "lefs", "items", ratings);
    }

    /** The four exercises of DOMAIN.md with their doses. */
    static Map<String, Object> plan() {
        return Map.of("exercises", List.of(
                Map.of("exerciseId", exercise("bent-knee-calf-raises"), "dose", Map.of("sets", 3, "reps", 15, "times", 1, "per", "DAY", "weeks", 4)),
                Map.of("exerciseId", exercise("soleus-wall-stretch"), "dose", Map.of("sets", 3, "holdSeconds", 30, "times", 2, "per", "DAY", "weeks", 4)),
                Map.of("exerciseId", exercise("seated-calf-raises"), "dose", Map.of("sets", 3, "reps", 12, "times", 3, "per", "WEEK", "weeks", 4)),
                Map.of("exerciseId", exercise("foam-rolling-the-calf"), "dose", Map.of("sets", 1, "holdSeconds", 120, "times", 1, "per", "DAY", "weeks", 4))));
    }

    /** Two days of the week, all four exercises; in week two she skips one day's exercises. */
    void logAWeekOfExercises(Practice practice, String caseId, Instant sessionStart, int week) {
        for (int day = 1; day <= 2; day++) {
            LocalDate date = LocalDate.ofInstant(sessionStart, ZoneOffset.UTC).plusDays(day);
            for (String code : List.of("bent-knee-calf-raises", "soleus-wall-stretch", "seated-calf-raises", "foam-rolling-the-calf")) {
                String outcome = week == 1 && day == 2 ? "SKIPPED" : "DONE";
                clock.set(date.atTime(20, 0).toInstant(ZoneOffset.UTC));
                expect(204, practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress", Map.of(
                        "exerciseId", exercise(code), "outcome", outcome, "pain", Math.max(0, PAIN[week] - 1), "day", date.toString())));
            }
        }
    }

    static String exercise(String code) {
        return ExerciseId.ofLibraryCode(code).toString();
    }

    static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.path("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("No row " + key + " in " + rows);
    }
}
