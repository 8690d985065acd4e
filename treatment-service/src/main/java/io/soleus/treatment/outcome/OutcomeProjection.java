package io.soleus.treatment.outcome;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.BodySite;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds the clinical record into outcome figures per case: the pain trajectory from its baseline,
 * when (and after how many sessions and days) pain first fell by a clinically meaningful amount,
 * the techniques used, the current plan and how well it is kept, and the discharge outcome.
 */
@Component
@ProcessingGroup(OutcomeProjection.GROUP)
public class OutcomeProjection {

    public static final String GROUP = "outcomes";
    static final String TRIGGER_POINT_THERAPY = "trigger-point-therapy";
    static final String MYOFASCIAL_RELEASE = "myofascial-release";

    /** A fall of at least 2 points or 30% from baseline on the NPRS: the commonly cited minimal important change. */
    static boolean meaningful(int baseline, int pain) {
        int fall = baseline - pain;
        return fall >= 2 || baseline > 0 && fall * 10 >= baseline * 3;
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ReportSignals signals;

    public OutcomeProjection(JdbcTemplate jdbc, ObjectMapper mapper, ReportSignals signals) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.signals = signals;
    }

    @EventHandler
    void on(CaseOpened event) {
        jdbc.update("""
                INSERT INTO outcome_case (case_id, client_id, clinic_id, therapist_id, complaint, finding_code,
                    finding_label, side, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                event.caseId().value(), event.clientId().value(), event.clinicId().value(), event.therapistId().value(),
                event.complaint(), event.workingFinding().code(), event.workingFinding().label(), event.side().name(),
                time(event.openedAt()));
        signals.changed();
    }

    @EventHandler
    void on(AssessmentRecorded event) {
        jdbc.update("""
                INSERT INTO outcome_assessment (assessment_id, case_id, session_id, pain, trigger_points, tightness,
                    recorded_at, findings, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (assessment_id) DO NOTHING""",
                event.assessmentId().value(), event.caseId().value(), event.sessionId().value(), event.pain().value(),
                event.triggerPoints().size(), event.tightness().name(), time(event.recordedAt()),
                json(event.triggerPoints()), event.notes());
        jdbc.update("""
                UPDATE outcome_case SET sessions_assessed = sessions_assessed + 1, latest_pain = ?,
                    baseline_pain = coalesce(baseline_pain, ?), baseline_at = coalesce(baseline_at, ?)
                WHERE case_id = ?""",
                event.pain().value(), event.pain().value(), time(event.recordedAt()), event.caseId().value());
        reachMeaningfulChange(event.caseId().value(), event.pain().value(), event.recordedAt());
        signals.changed();
    }

    @EventHandler
    void on(TriggerPointTreated event, @MessageIdentifier String eventId) {
        technique(event.caseId().value(), TRIGGER_POINT_THERAPY, event.sessionId().value());
        treatment(eventId, event.caseId().value(), event.sessionId().value(), TRIGGER_POINT_THERAPY, event.site(),
                event.pressure().name(), event.duration().toSeconds(), event.response().name(), event.treatedAt());
        signals.changed();
    }

    @EventHandler
    void on(MyofascialReleaseApplied event, @MessageIdentifier String eventId) {
        technique(event.caseId().value(), MYOFASCIAL_RELEASE, event.sessionId().value());
        treatment(eventId, event.caseId().value(), event.sessionId().value(), MYOFASCIAL_RELEASE, event.region(),
                null, event.duration().toSeconds(), event.response().name(), event.appliedAt());
        signals.changed();
    }

    @EventHandler
    void on(PlanAssigned event) {
        jdbc.update("UPDATE outcome_case SET plan_id = ?, plan_revision = ? WHERE case_id = ?",
                event.planId().value(), event.revision(), event.caseId().value());
        jdbc.update("DELETE FROM outcome_plan_exercise WHERE case_id = ?", event.caseId().value());
        List<PrescribedExercise> exercises = event.exercises();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < exercises.size(); i++) {
            rows.add(new Object[] {event.caseId().value(), i, exercises.get(i).exerciseId().value(),
                    exercises.get(i).name(), json(exercises.get(i).dose())});
        }
        jdbc.batchUpdate("INSERT INTO outcome_plan_exercise (case_id, position, exercise_id, name, dose) VALUES (?, ?, ?, ?, ?)",
                rows);
        signals.changed();
    }

    @EventHandler
    void on(PlanProgressLogged event, @MessageIdentifier String eventId) {
        int inserted = jdbc.update("""
                INSERT INTO outcome_progress (event_id, case_id, exercise_id, outcome, pain, day, logged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, event.caseId().value(), event.exerciseId().value(), event.outcome().name(),
                event.pain() == null ? null : event.pain().value(), event.day(), time(event.loggedAt()));
        if (inserted == 1) {
            jdbc.update(event.outcome() == ProgressOutcome.DONE
                    ? "UPDATE outcome_case SET progress_done = progress_done + 1 WHERE case_id = ?"
                    : "UPDATE outcome_case SET progress_skipped = progress_skipped + 1 WHERE case_id = ?",
                    event.caseId().value());
        }
        signals.changed();
    }

    @EventHandler
    void on(CaseDischarged event) {
        jdbc.update("""
                UPDATE outcome_case SET discharged_at = ?, final_pain = ?, back_to_activity = ?, discharge_reason = ?
                WHERE case_id = ?""",
                time(event.dischargedAt()), event.finalPain().value(), event.backToActivity(), event.reason(),
                event.caseId().value());
        reachMeaningfulChange(event.caseId().value(), event.finalPain().value(), event.dischargedAt());
        signals.changed();
    }

    @ResetHandler
    void reset() {
        jdbc.execute("""
                TRUNCATE outcome_case, outcome_assessment, outcome_technique, outcome_treatment, outcome_plan_exercise,
                    outcome_progress""");
    }

    /** The first time pain falls meaningfully from baseline, with the sessions and days it took. */
    private void reachMeaningfulChange(Object caseId, int pain, Instant at) {
        jdbc.query("SELECT baseline_pain, baseline_at, sessions_assessed FROM outcome_case WHERE case_id = ? AND meaningful_at IS NULL",
                row -> {
                    int baseline = row.getInt(1);
                    if (row.wasNull() || !meaningful(baseline, pain)) {
                        return;
                    }
                    Instant baselineAt = row.getObject(2, OffsetDateTime.class).toInstant();
                    jdbc.update("""
                            UPDATE outcome_case SET meaningful_at = ?, sessions_to_meaningful = ?, days_to_meaningful = ?
                            WHERE case_id = ?""",
                            time(at), row.getInt(3), (int) Duration.between(baselineAt, at).toDays(), caseId);
                }, caseId);
    }

    private void treatment(String eventId, Object caseId, Object sessionId, String technique, BodySite site,
                           String pressure, long seconds, String response, Instant at) {
        jdbc.update("""
                INSERT INTO outcome_treatment (event_id, case_id, session_id, technique, muscle, side, region, pressure,
                    seconds, response, applied_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, caseId, sessionId, technique, site.muscle().code(), site.side().name(), site.region(), pressure,
                (int) seconds, response, time(at));
    }

    private void technique(Object caseId, String technique, Object sessionId) {
        jdbc.update("INSERT INTO outcome_technique (case_id, technique, session_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                caseId, technique, sessionId);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
