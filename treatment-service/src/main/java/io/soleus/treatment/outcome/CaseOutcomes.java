package io.soleus.treatment.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.TriggerPointFinding;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.measure.Instruments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One case's course as a therapist, an admin or its client reads it: the pain trajectory from its
 * baseline, each session's findings and techniques, the meaningful change, the validated
 * questionnaires' scores and which are due, the plan with its adherence, the logged progress and the
 * discharge. Also a client's timeline of cases. Staff see
 * the cases of their clinics, clients their own.
 */
@Component
public class CaseOutcomes {

    private static final TypeReference<List<TriggerPointFinding>> FINDINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Instruments instruments;

    public CaseOutcomes(JdbcTemplate jdbc, ObjectMapper mapper, Instruments instruments) {
        this.instruments = instruments;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public record PainPoint(UUID sessionId, Instant recordedAt, int pain) {
    }

    /** What was found in one session: pain, trigger points, tightness and notes. */
    public record Assessment(UUID assessmentId, UUID sessionId, Instant recordedAt, int pain,
                             List<TriggerPointFinding> triggerPoints, String tightness, String notes) {
    }

    /** A technique applied in one session: where, how firmly (trigger points), how long and how the tissue answered. */
    public record Treatment(UUID sessionId, String technique, String muscle, String side, String region, String pressure,
                            int seconds, String response, Instant appliedAt) {
    }

    public record MeaningfulChange(boolean reached, Instant at, Integer sessions, Integer days) {
    }

    public record PlanExercise(UUID exerciseId, String name, String description, ExerciseDose dose) {
    }

    public record Plan(UUID planId, int revision, List<PlanExercise> exercises, int done, int skipped,
                       Double adherencePercent) {
    }

    public record Discharge(Instant at, Integer finalPain, Boolean backToActivity, String reason) {
    }

    public record ProgressEntry(UUID exerciseId, LocalDate day, String outcome, Integer pain) {
    }

    /** An answer to an outcome questionnaire and its score; for a patient-specific one, the activities it rated. */
    public record Measure(String instrument, String occasion, double score, Instant measuredAt, List<String> activities) {
    }

    /** A questionnaire over the episode: its baseline, latest score, their change and whether it is a meaningful one. */
    public record Function(String instrument, double baseline, double latest, double change,
                           double minimalImportantChange, boolean meaningful) {
    }

    /**
     * {@code questionnairesDue}: what the client is asked to answer now: an instrument not answered yet
     * in an open case, again once the case asked for it (after as many assessed sessions since her last
     * answer as her clinic set), and once after discharge.
     */
    public record CaseOutcome(UUID caseId, UUID clientId, String clientName, UUID clinicId, UUID therapistId,
                              String complaint, String findingCode, String finding, String side, Instant openedAt,
                              Integer baselinePain, Integer latestPain, int sessionsAssessed, List<PainPoint> painTrajectory,
                              List<Assessment> assessments, List<Treatment> treatments, MeaningfulChange meaningfulChange,
                              Map<String, Integer> techniqueSessions, Plan plan, List<ProgressEntry> progress,
                              Discharge discharge, List<Measure> measures, List<Function> function,
                              List<String> questionnairesDue) {
    }

    public CaseOutcome caseOutcome(CaseId caseId, Actor user) {
        return cases("c.case_id = ?", caseId.value()).stream().filter(outcome -> visible(outcome, user)).findFirst()
                .orElseThrow(() -> new NotFoundException("No case " + caseId));
    }

    /** A client's cases, newest first, as far as the caller may see them. */
    public List<CaseOutcome> timeline(ClientId client, Actor user) {
        if (!ClinicalPolicy.mayLookForCasesOf(user, client)) {
            throw new NotFoundException("No client " + client);
        }
        List<CaseOutcome> cases = cases("c.client_id = ?", client.value()).stream()
                .filter(outcome -> visible(outcome, user)).toList();
        if (cases.isEmpty() && !ClinicalPolicy.seesAllCasesOf(user, client)) {
            throw new NotFoundException("No client " + client);
        }
        return cases;
    }

    /** Whether the client has (or had) a case at the clinic, as the outcome view knows by now. */
    public boolean hasCaseAt(ClientId client, ClinicId clinic) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM outcome_case WHERE client_id = ? AND clinic_id = ?)",
                Boolean.class, client.value(), clinic.value()));
    }

    /**
     * Whether the client has a case at the clinic that is open, or was discharged after {@code since}, as
     * the outcome view knows by now: whether an intake answered at {@code since} belongs to an episode begun.
     */
    public boolean hasCaseSince(ClientId client, ClinicId clinic, Instant since) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM outcome_case WHERE client_id = ? AND clinic_id = ?
                    AND (discharged_at IS NULL OR discharged_at > ?))""",
                Boolean.class, client.value(), clinic.value(), since.atOffset(ZoneOffset.UTC)));
    }

    private static boolean visible(CaseOutcome outcome, Actor user) {
        return ClinicalPolicy.seesCase(user, new ClinicId(outcome.clinicId()), new ClientId(outcome.clientId()));
    }

    /**
     * The cases matching {@code condition}, with their trajectories, findings, techniques, plans and
     * progress read in one query each for all of them.
     */
    private List<CaseOutcome> cases(String condition, Object id) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT c.*, b.name AS client_name FROM outcome_case c
                LEFT JOIN booking_client b ON b.client_id = c.client_id
                WHERE\s""" + condition + " ORDER BY c.opened_at DESC", id);
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(row -> (UUID) row.get("case_id")).toArray(UUID[]::new);
        Map<UUID, List<Assessment>> assessments = new HashMap<>();
        details("""
                SELECT case_id, assessment_id, session_id, recorded_at, pain, findings, tightness, notes
                FROM outcome_assessment WHERE case_id = ANY (?) ORDER BY recorded_at""",
                ids, row -> assessments.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new Assessment(row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                                instant(row, "recorded_at"), row.getInt(5), findings(row.getString(6)), row.getString(7),
                                row.getString(8))));
        Map<UUID, List<Treatment>> treatments = new HashMap<>();
        details("""
                SELECT case_id, session_id, technique, muscle, side, region, pressure, seconds, response, applied_at
                FROM outcome_treatment WHERE case_id = ANY (?) ORDER BY applied_at""",
                ids, row -> treatments.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new Treatment(row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                                row.getString(5), row.getString(6), row.getString(7), row.getInt(8), row.getString(9),
                                instant(row, "applied_at"))));
        Map<UUID, Map<String, Integer>> techniques = new HashMap<>();
        details("SELECT case_id, technique, count(*) FROM outcome_technique WHERE case_id = ANY (?) GROUP BY 1, 2",
                ids, row -> techniques.computeIfAbsent(row.getObject(1, UUID.class), c -> new TreeMap<>())
                        .put(row.getString(2), row.getInt(3)));
        Map<UUID, List<PlanExercise>> plans = new HashMap<>();
        details("""
                SELECT p.case_id, p.exercise_id, p.name, coalesce(e.description, '') AS description, p.dose
                FROM outcome_plan_exercise p LEFT JOIN exercise e ON e.exercise_id = p.exercise_id
                WHERE p.case_id = ANY (?) ORDER BY p.position""",
                ids, row -> plans.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new PlanExercise(row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                                dose(row.getString(5)))));
        Map<UUID, List<ProgressEntry>> progress = new HashMap<>();
        details("SELECT case_id, exercise_id, day, outcome, pain FROM outcome_progress WHERE case_id = ANY (?) ORDER BY day, logged_at",
                ids, row -> progress.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new ProgressEntry(row.getObject(2, UUID.class), row.getObject(3, LocalDate.class),
                                row.getString(4), (Integer) row.getObject(5))));
        Map<UUID, List<Measure>> measures = new HashMap<>();
        details("""
                SELECT case_id, instrument, occasion, score, measured_at,
                    CASE WHEN jsonb_typeof(answers -> 'activities') = 'array' THEN (SELECT array_agg(a ->> 'name')
                        FROM jsonb_array_elements(answers -> 'activities') a) END AS activities
                FROM outcome_measure WHERE case_id = ANY (?) ORDER BY measured_at""",
                ids, row -> measures.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new Measure(row.getString(2), row.getString(3), row.getDouble(4), instant(row, "measured_at"),
                                row.getArray(6) == null ? List.of() : List.of((String[]) row.getArray(6).getArray()))));
        Map<UUID, List<Function>> function = new HashMap<>();
        Map<UUID, Set<String>> followUps = new HashMap<>();
        details("""
                SELECT case_id, instrument, baseline, latest, minimal_important_change, follow_up_due
                FROM outcome_case_measure WHERE case_id = ANY (?) ORDER BY instrument""",
                ids, row -> {
                    UUID caseId = row.getObject(1, UUID.class);
                    function.computeIfAbsent(caseId, c -> new ArrayList<>())
                            .add(new Function(row.getString(2), row.getDouble(3), row.getDouble(4),
                                    round(row.getDouble(4) - row.getDouble(3)), row.getDouble(5),
                                    row.getDouble(4) - row.getDouble(3) >= row.getDouble(5) - 1e-9));
                    if (row.getBoolean(6)) {
                        followUps.computeIfAbsent(caseId, c -> new HashSet<>()).add(row.getString(2));
                    }
                });
        return rows.stream().map(row -> {
            UUID caseId = (UUID) row.get("case_id");
            List<Assessment> assessed = assessments.getOrDefault(caseId, List.of());
            List<Measure> answered = measures.getOrDefault(caseId, List.of());
            return caseOutcome(row, assessed, treatments.getOrDefault(caseId, List.of()),
                    techniques.getOrDefault(caseId, Map.of()), plans.getOrDefault(caseId, List.of()),
                    progress.getOrDefault(caseId, List.of()), answered, function.getOrDefault(caseId, List.of()),
                    due(row.get("discharged_at") != null, answered, followUps.getOrDefault(caseId, Set.of())));
        }).toList();
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void details(String sql, UUID[] caseIds, RowReader reader) {
        jdbc.query(sql, statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", caseIds)),
                (ResultSet row) -> {
                    reader.read(row);
                });
    }

    private static CaseOutcome caseOutcome(Map<String, Object> row, List<Assessment> assessments, List<Treatment> treatments,
                                           Map<String, Integer> techniques, List<PlanExercise> exercises,
                                           List<ProgressEntry> progress, List<Measure> measures, List<Function> function,
                                           List<String> due) {
        int done = (Integer) row.get("progress_done");
        int skipped = (Integer) row.get("progress_skipped");
        Plan plan = row.get("plan_id") == null ? null : new Plan((UUID) row.get("plan_id"), (Integer) row.get("plan_revision"),
                exercises, done, skipped, done + skipped == 0 ? null : Math.round(1000.0 * done / (done + skipped)) / 10.0);
        Instant meaningfulAt = instant(row.get("meaningful_at"));
        Instant dischargedAt = instant(row.get("discharged_at"));
        List<PainPoint> trajectory = assessments.stream()
                .map(assessment -> new PainPoint(assessment.sessionId(), assessment.recordedAt(), assessment.pain())).toList();
        return new CaseOutcome((UUID) row.get("case_id"), (UUID) row.get("client_id"), (String) row.get("client_name"),
                (UUID) row.get("clinic_id"), (UUID) row.get("therapist_id"), (String) row.get("complaint"),
                (String) row.get("finding_code"), (String) row.get("finding_label"), (String) row.get("side"),
                instant(row.get("opened_at")), (Integer) row.get("baseline_pain"), (Integer) row.get("latest_pain"),
                (int) row.get("sessions_assessed"), trajectory, assessments, treatments,
                new MeaningfulChange(meaningfulAt != null, meaningfulAt, (Integer) row.get("sessions_to_meaningful"),
                        (Integer) row.get("days_to_meaningful")),
                techniques, plan, progress,
                dischargedAt == null ? null : new Discharge(dischargedAt, (Integer) row.get("final_pain"),
                        (Boolean) row.get("back_to_activity"), (String) row.get("discharge_reason")), measures, function, due);
    }

    /** The questionnaires a case's client is asked to answer now, from her answers and the follow-ups asked of her. */
    private List<String> due(boolean discharged, List<Measure> measures, Set<String> followUps) {
        List<String> due = new ArrayList<>();
        for (String instrument : instruments.names()) {
            List<Measure> answered = measures.stream().filter(m -> m.instrument().equals(instrument)).toList();
            if (discharged) {
                if (!answered.isEmpty() && answered.stream().noneMatch(m -> "DISCHARGE".equals(m.occasion()))) {
                    due.add(instrument);
                }
            } else if (answered.isEmpty() || followUps.contains(instrument)) {
                due.add(instrument);
            }
        }
        return List.copyOf(due);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private ExerciseDose dose(String json) {
        try {
            return mapper.readValue(json, ExerciseDose.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable dose in the outcome read model", e);
        }
    }

    private List<TriggerPointFinding> findings(String json) {
        try {
            return mapper.readValue(json, FINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable findings in the outcome read model", e);
        }
    }
}
