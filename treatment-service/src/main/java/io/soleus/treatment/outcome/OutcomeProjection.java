package io.soleus.treatment.outcome;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.MyofascialReleaseApplied;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PlanProgressLogged;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.TriggerPointTreated;
import io.soleus.kernel.value.BodySite;
import io.soleus.platform.axon.BatchedUpdates;
import io.soleus.treatment.measure.Instruments;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds the clinical record into outcome figures per case: the pain trajectory from its baseline,
 * when (and after how many sessions and days) pain first fell by a clinically meaningful amount,
 * the validated questionnaires' baseline and latest scores, the techniques used, the current plan and
 * how well it is kept, and the discharge outcome.
 * Each event is applied by one statement (a plan by three) that reads what it needs inside
 * PostgreSQL, never in Java, so the statements of a batch of events go together when the batch
 * commits ({@link BatchedUpdates}); an event applied again changes nothing.
 */
@Component
@ProcessingGroup(OutcomeProjection.GROUP)
public class OutcomeProjection {

    public static final String GROUP = "outcomes";
    static final String TRIGGER_POINT_THERAPY = "trigger-point-therapy";
    static final String MYOFASCIAL_RELEASE = "myofascial-release";

    /**
     * A fall of at least 2 points or 30% from baseline on the NPRS: the commonly cited minimal important
     * change. The statements use its copy in PostgreSQL, {@code outcome_meaningful}, tested against this.
     */
    static boolean meaningful(int baseline, int pain) {
        int fall = baseline - pain;
        return fall >= 2 || baseline > 0 && fall * 10 >= baseline * 3;
    }

    /**
     * The SET items of an update of the case {@code c} (its columns as they were) that record the first
     * meaningful fall of pain to {@code pain} at {@code at}, from {@code baseline} taken at {@code baselineAt},
     * after {@code sessions} sessions assessed (each an SQL expression).
     */
    private static String firstMeaningfulChange(String baseline, String baselineAt, String sessions, String pain, String at) {
        String reached = "c.meaningful_at IS NULL AND outcome_meaningful(" + baseline + ", " + pain + ")";
        return """
                meaningful_at = CASE WHEN %1$s THEN %5$s ELSE c.meaningful_at END,
                sessions_to_meaningful = CASE WHEN %1$s THEN %3$s ELSE c.sessions_to_meaningful END,
                days_to_meaningful = CASE WHEN %1$s THEN trunc(extract(epoch FROM %5$s - %2$s) / 86400)::integer
                    ELSE c.days_to_meaningful END""".formatted(reached, baselineAt, sessions, pain, at);
    }

    private static final String ASSESSMENT = """
            WITH assessment AS (
                INSERT INTO outcome_assessment (assessment_id, case_id, session_id, pain, trigger_points, tightness,
                    recorded_at, findings, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (assessment_id) DO NOTHING
                RETURNING case_id, pain, recorded_at)
            UPDATE outcome_case c SET sessions_assessed = c.sessions_assessed + 1, latest_pain = a.pain,
                baseline_pain = coalesce(c.baseline_pain, a.pain), baseline_at = coalesce(c.baseline_at, a.recorded_at),
            """ + firstMeaningfulChange("coalesce(c.baseline_pain, a.pain)", "coalesce(c.baseline_at, a.recorded_at)",
            "c.sessions_assessed + 1", "a.pain", "a.recorded_at") + """

            FROM assessment a WHERE c.case_id = a.case_id""";

    private static final String DISCHARGE = """
            UPDATE outcome_case c SET discharged_at = d.at, final_pain = d.pain, back_to_activity = ?, discharge_reason = ?,
            """ + firstMeaningfulChange("c.baseline_pain", "c.baseline_at", "c.sessions_assessed", "d.pain", "d.at") + """

            FROM (VALUES (?::integer, ?::timestamptz)) AS d (pain, at)
            WHERE c.case_id = ?""";

    private static final String TREATMENT = """
            WITH technique AS (
                INSERT INTO outcome_technique (case_id, technique, session_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING)
            INSERT INTO outcome_treatment (event_id, case_id, session_id, technique, muscle, side, region, pressure,
                seconds, response, applied_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""";

    private static final String PROGRESS = """
            WITH progress AS (
                INSERT INTO outcome_progress (event_id, case_id, exercise_id, outcome, pain, day, logged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING case_id)
            UPDATE outcome_case c SET progress_done = c.progress_done + (CASE WHEN ? THEN 1 ELSE 0 END),
                progress_skipped = c.progress_skipped + (CASE WHEN ? THEN 0 ELSE 1 END)
            FROM progress WHERE c.case_id = progress.case_id""";

    private static final String MEASURE = """
            WITH measure AS (
                INSERT INTO outcome_measure (measure_id, case_id, instrument, occasion, score, measured_at, answers)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (measure_id) DO NOTHING
                RETURNING case_id, instrument, score, measured_at)
            INSERT INTO outcome_case_measure (case_id, instrument, baseline, baseline_at, latest, latest_at,
                minimal_important_change, answers)
            SELECT case_id, instrument, score, measured_at, score, measured_at, ?, 1 FROM measure
            ON CONFLICT (case_id, instrument) DO UPDATE SET latest = excluded.latest, latest_at = excluded.latest_at,
                answers = outcome_case_measure.answers + 1, follow_up_due = false""";

    private final JdbcTemplate jdbc;
    private final BatchedUpdates updates;
    private final ObjectMapper mapper;
    private final ReportSignals signals;
    private final Instruments instruments;

    public OutcomeProjection(JdbcTemplate jdbc, ObjectMapper mapper, ReportSignals signals, Instruments instruments) {
        this.jdbc = jdbc;
        this.updates = new BatchedUpdates(jdbc);
        this.mapper = mapper;
        this.signals = signals;
        this.instruments = instruments;
    }

    @EventHandler
    void on(CaseOpened event) {
        updates.update("""
                INSERT INTO outcome_case (case_id, client_id, clinic_id, therapist_id, complaint, finding_code,
                    finding_label, side, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                event.caseId().value(), event.clientId().value(), event.clinicId().value(), event.therapistId().value(),
                event.complaint(), event.workingFinding().code(), event.workingFinding().label(), event.side().name(),
                time(event.openedAt()));
        signals.changed();
    }

    /** The first assessment is the case's baseline; a meaningful fall of pain is measured from it. */
    @EventHandler
    void on(AssessmentRecorded event) {
        updates.update(ASSESSMENT,
                event.assessmentId().value(), event.caseId().value(), event.sessionId().value(), event.pain().value(),
                event.triggerPoints().size(), event.tightness().name(), time(event.recordedAt()),
                json(event.triggerPoints()), event.notes());
        signals.changed();
    }

    @EventHandler
    void on(TriggerPointTreated event, @MessageIdentifier String eventId) {
        treatment(eventId, event.caseId().value(), event.sessionId().value(), TRIGGER_POINT_THERAPY, event.site(),
                event.pressure().name(), event.duration().toSeconds(), event.response().name(), event.treatedAt());
        signals.changed();
    }

    @EventHandler
    void on(MyofascialReleaseApplied event, @MessageIdentifier String eventId) {
        treatment(eventId, event.caseId().value(), event.sessionId().value(), MYOFASCIAL_RELEASE, event.region(),
                null, event.duration().toSeconds(), event.response().name(), event.appliedAt());
        signals.changed();
    }

    @EventHandler
    void on(PlanAssigned event) {
        updates.update("UPDATE outcome_case SET plan_id = ?, plan_revision = ? WHERE case_id = ?",
                event.planId().value(), event.revision(), event.caseId().value());
        updates.update("DELETE FROM outcome_plan_exercise WHERE case_id = ?", event.caseId().value());
        List<PrescribedExercise> exercises = event.exercises();
        for (int i = 0; i < exercises.size(); i++) {
            updates.update("INSERT INTO outcome_plan_exercise (case_id, position, exercise_id, name, dose) VALUES (?, ?, ?, ?, ?)",
                    event.caseId().value(), i, exercises.get(i).exerciseId().value(), exercises.get(i).name(),
                    json(exercises.get(i).dose()));
        }
        signals.changed();
    }

    @EventHandler
    void on(PlanProgressLogged event, @MessageIdentifier String eventId) {
        boolean done = event.outcome() == ProgressOutcome.DONE;
        updates.update(PROGRESS,
                eventId, event.caseId().value(), event.exerciseId().value(), event.outcome().name(),
                event.pain() == null ? null : event.pain().value(), event.day(), time(event.loggedAt()), done, done);
        signals.changed();
    }

    @EventHandler
    void on(CaseDischarged event) {
        updates.update(DISCHARGE, event.backToActivity(), event.reason(), event.finalPain().value(),
                time(event.dischargedAt()), event.caseId().value());
        signals.changed();
    }

    /** The answer once, and the case's baseline (its first) and latest score of the instrument. */
    @EventHandler
    void on(OutcomeMeasured event, @MessageIdentifier String eventId) {
        double change = instruments.version(event.instrument(), event.instrumentVersion())
                .orElseThrow(() -> new IllegalStateException("No questionnaire " + event.instrument() + " v"
                        + event.instrumentVersion()))
                .scoring().minimalImportantChange();
        String answers = Personal.ERASED.equals(event.answers()) ? null : event.answers();
        updates.update(MEASURE, eventId, event.caseId().value(), event.instrument(), event.occasion().name(),
                event.score(), time(event.measuredAt()), answers, change);
        signals.changed();
    }

    /** The case's client is asked to answer these again: each is due until she answers it. */
    @EventHandler
    void on(QuestionnairesRequested event) {
        for (String instrument : event.instruments()) {
            updates.update("UPDATE outcome_case_measure SET follow_up_due = true WHERE case_id = ? AND instrument = ?",
                    event.caseId().value(), instrument);
        }
        signals.changed();
    }

    @ResetHandler
    void reset() {
        jdbc.execute("""
                TRUNCATE outcome_case, outcome_assessment, outcome_technique, outcome_treatment, outcome_plan_exercise,
                    outcome_progress, outcome_measure, outcome_case_measure""");
    }

    /** The technique among the case's techniques and the treatment itself, each once. */
    private void treatment(String eventId, Object caseId, Object sessionId, String technique, BodySite site,
                           String pressure, long seconds, String response, Instant at) {
        updates.update(TREATMENT,
                caseId, technique, sessionId,
                eventId, caseId, sessionId, technique, site.muscle().code(), site.side().name(), site.region(), pressure,
                (int) seconds, response, time(at));
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
