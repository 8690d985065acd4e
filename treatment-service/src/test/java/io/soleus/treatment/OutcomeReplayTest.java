package io.soleus.treatment;

import static io.soleus.platform.test.ApiClient.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.audit.AuditTrail;
import io.soleus.platform.test.MutableClock;
import io.soleus.platform.test.ReadModels;
import io.soleus.platform.test.TestTokens;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.intake.IntakeProjection;
import io.soleus.treatment.intake.QuestionnaireSettingsProjection;
import io.soleus.treatment.outcome.OutcomeProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outcome figures are folds of this service's events and the booking topic: both thrown away
 * and replayed, they come back identical, and so do the reports built on them.
 */
@TreatmentServiceTest
class OutcomeReplayTest {

    static final List<String> TABLES = List.of("booking_clinic", "booking_client", "booking_session", "outcome_case",
            "outcome_assessment", "outcome_technique", "outcome_plan_exercise", "outcome_progress", "audit_entry",
            "audit_record", "intake", "consent", "intake_measure", "outcome_measure", "outcome_case_measure",
            "clinic_questionnaires");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheClock() {
        clock.set(TreatmentServiceTest.NOW);
    }

    @Test
    void a_replay_of_both_sources_rebuilds_identical_figures() {
        try (Practice practice = new Practice(port, jdbc)) {
            // Riverside asks questionnaires again after every session
            practice.clinicOpened();
            expect(204, practice.api.put(TestTokens.admin(), "/clinics/" + practice.riverside + "/questionnaire-settings",
                    Map.of("intakeForm", "calf-intake", "intakeFormVersion", 2, "followUpEvery", 1)));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                    "SELECT follow_up_every FROM clinic_questionnaires WHERE clinic_id = ?", Integer.class,
                    practice.riverside.value()).equals(List.of(1)));
            SessionId first = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
            practice.attended(first, TreatmentServiceTest.NOW.minus(Duration.ofDays(1)));
            SessionId second = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofHours(2)));
            practice.attended(second, TreatmentServiceTest.NOW.minus(Duration.ofHours(1)));
            practice.awaitSession(second, "ATTENDED");
            SessionId noShow = practice.sessionBooked(TreatmentServiceTest.NOW.minus(Duration.ofDays(3)));
            practice.missed(noShow, TreatmentServiceTest.NOW.minus(Duration.ofDays(3)));
            SessionId cancelled = practice.sessionBooked(TreatmentServiceTest.NOW.plus(Duration.ofDays(3)));
            practice.cancelledLate(cancelled, TreatmentServiceTest.NOW);
            practice.awaitSession(first, "ATTENDED");
            practice.awaitSession(noShow, "MISSED");
            practice.awaitSession(cancelled, "CANCELLED");
            expect(201, practice.api.post(practice.runnerToken(), "/clients/" + practice.runner + "/intake/"
                    + practice.riverside, IntakeAndConsentTest.answers("yes")));
            // her LEFS answered with the intake is the baseline of the case opened at her first session
            expect(201, practice.api.post(practice.runnerToken(), "/clients/" + practice.runner + "/intake/"
                    + practice.riverside + "/measures", ReferenceCaseTest.lefs(50)));
            String caseId = practice.openCase();
            expect(201, practice.assess(caseId, first, 7));
            expect(204, practice.treat(caseId, first));
            expect(204, practice.api.put(practice.maya(), "/cases/" + caseId + "/plan", ReferenceCaseTest.plan()));
            expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.psfs(3)));
            expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.lefs(52)));
            expect(201, practice.assess(caseId, second, 6));
            expect(204, practice.api.post(practice.runnerToken(), "/cases/" + caseId + "/progress", Map.of("exerciseId",
                    ReferenceCaseTest.exercise("soleus-wall-stretch"), "outcome", "DONE", "pain", 6, "day", "2026-11-30")));
            expect(204, practice.api.post(practice.maya(), "/cases/" + caseId + "/discharge", Map.of("finalPain", 4,
                    "backToActivity", true, "reason", "Running again")));
            expect(201, ReferenceCaseTest.measure(practice, caseId, ReferenceCaseTest.psfs(7)));

            JsonNode operations = await().atMost(Duration.ofSeconds(20)).until(
                    () -> practice.api.get(practice.maya(), "/reports/operations?by=clinic").body(),
                    rows -> rows.path(0).path("sessions").asLong() == 4);
            assertThat(operations.path(0).path("attended").asLong()).isEqualTo(2);
            assertThat(operations.path(0).path("noShows").asLong()).isEqualTo(1);
            assertThat(operations.path(0).path("lateCancellations").asLong()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> practice.api.get(practice.maya(), "/cases/" + caseId)
                    .body(), body -> body.path("discharge").has("at") && body.path("measures").size() == 4);
            ReadModels.awaitCaughtUp(processing.eventProcessor(AuditTrail.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow(), jdbc, Duration.ofSeconds(20));
            ReadModels.awaitCaughtUp(processing.eventProcessor(IntakeProjection.GROUP, StreamingEventProcessor.class)
                    .orElseThrow(), jdbc, Duration.ofSeconds(20));
            ReadModels.awaitCaughtUp(processing.eventProcessor(QuestionnaireSettingsProjection.GROUP, StreamingEventProcessor.class)
                    .orElseThrow(), jdbc, Duration.ofSeconds(20));
            Map<String, List<String>> before = ReadModels.snapshot(jdbc, TABLES);
            assertThat(before.get("intake")).isNotEmpty();
            assertThat(before.get("clinic_questionnaires")).isNotEmpty();
            assertThat(before.get("intake_measure")).isNotEmpty();
            assertThat(before.get("outcome_case_measure")).as("the lefs asked again after the second session, the psfs answered")
                    .anySatisfy(row -> assertThat(row).contains("lefs").endsWith(",t)"))
                    .anySatisfy(row -> assertThat(row).contains("psfs").endsWith(",f)"));
            assertThat(before.get("consent")).isNotEmpty();
            String reportBefore = practice.api.get(practice.maya(), "/reports/outcomes?by=technique").body().toString();
            String functionBefore = practice.api.get(practice.maya(), "/reports/function?by=clinic").body().toString();
            assertThat(functionBefore).contains("psfs", "lefs");

            List<StreamingEventProcessor> processors = List.of(OutcomeProjection.GROUP, BookingFacts.GROUP, AuditTrail.PROCESSING_GROUP,
                    IntakeProjection.GROUP, QuestionnaireSettingsProjection.GROUP).stream()
                    .map(group -> processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()).toList();
            processors.forEach(StreamingEventProcessor::shutDown);
            processors.forEach(StreamingEventProcessor::resetTokens);
            assertThat(ReadModels.snapshot(jdbc, TABLES).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
            processors.forEach(StreamingEventProcessor::start);

            await().atMost(Duration.ofSeconds(30)).until(() -> ReadModels.snapshot(jdbc, TABLES).equals(before));
            assertThat(practice.api.get(practice.maya(), "/reports/outcomes?by=technique").body().toString())
                    .isEqualTo(reportBefore);
            assertThat(practice.api.get(practice.maya(), "/reports/function?by=clinic").body().toString())
                    .isEqualTo(functionBefore);
        }
    }
}
