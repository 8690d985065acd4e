package io.soleus.treatment.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.platform.security.CurrentUser;
import io.soleus.platform.security.CurrentUser.Role;
import io.soleus.platform.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the outcome dashboards and a client's own page read: one case's course, a client's
 * timeline, and figures grouped by clinic, therapist, finding, technique or month. Admins see every
 * clinic, therapists the clinics of their claim, clients their own cases.
 */
@Component
public class OutcomeQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public OutcomeQueries(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public record PainPoint(UUID sessionId, Instant recordedAt, int pain) {
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

    public record CaseOutcome(UUID caseId, UUID clientId, UUID clinicId, UUID therapistId, String complaint,
                              String finding, String side, Instant openedAt, Integer baselinePain, Integer latestPain,
                              int sessionsAssessed, List<PainPoint> painTrajectory, MeaningfulChange meaningfulChange,
                              Map<String, Integer> techniqueSessions, Plan plan, List<ProgressEntry> progress,
                              Discharge discharge) {
    }

    public record ReportRow(String key, long cases, Double meanPainChange, Double meaningfulChangePercent,
                            Double medianSessionsToMeaningfulChange, Double adherencePercent) {
    }

    public record OperationsRow(String key, long sessions, long attended, long lateCancellations, long noShows) {
    }

    public CaseOutcome caseOutcome(CaseId caseId, CurrentUser user) {
        List<CaseOutcome> found = cases("case_id = ?", caseId.value());
        return found.stream().filter(outcome -> visible(outcome, user)).findFirst()
                .orElseThrow(() -> new NotFoundException("No case " + caseId));
    }

    /** A client's cases, newest first, as far as the caller may see them. */
    public List<CaseOutcome> timeline(ClientId client, CurrentUser user) {
        boolean self = user.is(Role.CLIENT) && user.subject().equals(client.toString());
        if (!self && !user.is(Role.ADMIN) && !user.is(Role.THERAPIST)) {
            throw new NotFoundException("No client " + client);
        }
        List<CaseOutcome> cases = cases("client_id = ?", client.value()).stream()
                .filter(outcome -> visible(outcome, user)).toList();
        if (cases.isEmpty() && !self && !user.is(Role.ADMIN)) {
            throw new NotFoundException("No client " + client);
        }
        return cases;
    }

    /** Outcome figures grouped {@code by} clinic, therapist, finding, technique or month (of opening). */
    public List<ReportRow> outcomes(String by, CurrentUser user) {
        String key = switch (by) {
            case "clinic" -> "c.clinic_id::text";
            case "therapist" -> "c.therapist_id::text";
            case "finding" -> "c.finding_code";
            case "technique" -> "t.technique";
            // the month in the clinic's own time zone, as booking told of it; UTC for a clinic without sessions yet
            case "month" -> "to_char(c.opened_at AT TIME ZONE coalesce((SELECT s.time_zone FROM booking_session s"
                    + " WHERE s.clinic_id = c.clinic_id LIMIT 1), 'UTC'), 'YYYY-MM')";
            default -> throw new InvalidValueException("by", "by is one of clinic, therapist, finding, technique, month");
        };
        String techniques = "technique".equals(by)
                ? "JOIN (SELECT DISTINCT case_id, technique FROM outcome_technique) t ON t.case_id = c.case_id " : "";
        Scope scope = scope(user, "c.clinic_id");
        return jdbc.query("SELECT " + key + " AS key, count(*) AS cases,"
                        + " avg(c.baseline_pain - coalesce(c.final_pain, c.latest_pain)) AS mean_change,"
                        + " 100.0 * count(c.meaningful_at) / nullif(count(c.baseline_pain), 0) AS meaningful_percent,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY c.sessions_to_meaningful) AS median_sessions,"
                        + " 100.0 * sum(c.progress_done) / nullif(sum(c.progress_done + c.progress_skipped), 0) AS adherence"
                        + " FROM outcome_case c " + techniques + "WHERE " + scope.condition()
                        + " GROUP BY 1 ORDER BY 1",
                (row, i) -> new ReportRow(row.getString("key"), row.getLong("cases"), number(row, "mean_change"),
                        number(row, "meaningful_percent"), number(row, "median_sessions"), number(row, "adherence")),
                scope.args());
    }

    /** Sessions attended, cancelled late by the client and missed, grouped {@code by} clinic, therapist or month. */
    public List<OperationsRow> operations(String by, CurrentUser user) {
        String key = switch (by) {
            case "clinic" -> "clinic_id::text";
            case "therapist" -> "therapist_id::text";
            case "month" -> "to_char(starts_at AT TIME ZONE time_zone, 'YYYY-MM')";
            default -> throw new InvalidValueException("by", "by is one of clinic, therapist, month");
        };
        Scope scope = scope(user, "clinic_id");
        return jdbc.query("SELECT " + key + " AS key, count(*) AS sessions,"
                        + " count(*) FILTER (WHERE status = 'ATTENDED') AS attended,"
                        + " count(*) FILTER (WHERE status = 'CANCELLED' AND late_cancellation AND cancelled_by = 'CLIENT') AS late,"
                        + " count(*) FILTER (WHERE status = 'MISSED') AS missed"
                        + " FROM booking_session WHERE " + scope.condition() + " GROUP BY 1 ORDER BY 1",
                (row, i) -> new OperationsRow(row.getString("key"), row.getLong("sessions"), row.getLong("attended"),
                        row.getLong("late"), row.getLong("missed")), scope.args());
    }

    private record Scope(String condition, Object[] args) {
    }

    /** Admins see everything; a therapist only the clinics of their claim. */
    private static Scope scope(CurrentUser user, String column) {
        if (user.is(Role.ADMIN)) {
            return new Scope("TRUE", new Object[0]);
        }
        if (user.clinics().isEmpty()) {
            return new Scope("FALSE", new Object[0]);
        }
        String marks = String.join(", ", user.clinics().stream().map(clinic -> "?").toList());
        return new Scope(column + "::text IN (" + marks + ")", user.clinics().toArray());
    }

    private static boolean visible(CaseOutcome outcome, CurrentUser user) {
        return user.worksAt(outcome.clinicId().toString())
                || user.is(Role.CLIENT) && user.subject().equals(outcome.clientId().toString());
    }

    /**
     * The cases matching {@code condition}, with their trajectories, techniques, plans and progress
     * read in one query each for all of them.
     */
    private List<CaseOutcome> cases(String condition, Object id) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM outcome_case WHERE " + condition + " ORDER BY opened_at DESC", id);
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(row -> (UUID) row.get("case_id")).toArray(UUID[]::new);
        Map<UUID, List<PainPoint>> trajectories = new HashMap<>();
        details("SELECT case_id, session_id, recorded_at, pain FROM outcome_assessment WHERE case_id = ANY (?) ORDER BY recorded_at",
                ids, row -> trajectories.computeIfAbsent(row.getObject(1, UUID.class), c -> new ArrayList<>())
                        .add(new PainPoint(row.getObject(2, UUID.class), instant(row, "recorded_at"), row.getInt(4))));
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
        return rows.stream().map(row -> {
            UUID caseId = (UUID) row.get("case_id");
            return caseOutcome(row, trajectories.getOrDefault(caseId, List.of()), techniques.getOrDefault(caseId, Map.of()),
                    plans.getOrDefault(caseId, List.of()), progress.getOrDefault(caseId, List.of()));
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

    private static CaseOutcome caseOutcome(Map<String, Object> row, List<PainPoint> trajectory,
                                           Map<String, Integer> techniques, List<PlanExercise> exercises,
                                           List<ProgressEntry> progress) {
        int done = (Integer) row.get("progress_done");
        int skipped = (Integer) row.get("progress_skipped");
        Plan plan = row.get("plan_id") == null ? null : new Plan((UUID) row.get("plan_id"), (Integer) row.get("plan_revision"),
                exercises, done, skipped, done + skipped == 0 ? null : Math.round(1000.0 * done / (done + skipped)) / 10.0);
        Instant meaningfulAt = instant(row.get("meaningful_at"));
        Instant dischargedAt = instant(row.get("discharged_at"));
        return new CaseOutcome((UUID) row.get("case_id"), (UUID) row.get("client_id"), (UUID) row.get("clinic_id"),
                (UUID) row.get("therapist_id"), (String) row.get("complaint"), (String) row.get("finding_label"),
                (String) row.get("side"), instant(row.get("opened_at")), (Integer) row.get("baseline_pain"),
                (Integer) row.get("latest_pain"), (int) row.get("sessions_assessed"), trajectory,
                new MeaningfulChange(meaningfulAt != null, meaningfulAt, (Integer) row.get("sessions_to_meaningful"),
                        (Integer) row.get("days_to_meaningful")),
                techniques, plan, progress,
                dischargedAt == null ? null : new Discharge(dischargedAt, (Integer) row.get("final_pain"),
                        (Boolean) row.get("back_to_activity"), (String) row.get("discharge_reason")));
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }

    private ExerciseDose dose(String json) {
        try {
            return mapper.readValue(json, ExerciseDose.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable dose in the outcome read model", e);
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Double number(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : Math.round(value * 10) / 10.0;
    }
}
