package io.soleus.treatment.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
            case "month" -> "to_char(c.opened_at AT TIME ZONE 'UTC', 'YYYY-MM')";
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

    /** Sessions attended, cancelled late and missed, grouped {@code by} clinic, therapist or month. */
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
                        + " count(*) FILTER (WHERE status = 'CANCELLED' AND late_cancellation) AS late,"
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

    private List<CaseOutcome> cases(String condition, Object id) {
        return jdbc.query("SELECT * FROM outcome_case WHERE " + condition + " ORDER BY opened_at DESC",
                (row, i) -> caseOutcome(row), id);
    }

    private CaseOutcome caseOutcome(ResultSet row) throws SQLException {
        UUID caseId = row.getObject("case_id", UUID.class);
        List<PainPoint> trajectory = jdbc.query(
                "SELECT session_id, recorded_at, pain FROM outcome_assessment WHERE case_id = ? ORDER BY recorded_at",
                (point, i) -> new PainPoint(point.getObject(1, UUID.class), instant(point, "recorded_at"), point.getInt(3)),
                caseId);
        Map<String, Integer> techniques = new TreeMap<>();
        jdbc.query("SELECT technique, count(*) FROM outcome_technique WHERE case_id = ? GROUP BY technique",
                (ResultSet technique) -> {
                    techniques.put(technique.getString(1), technique.getInt(2));
                }, caseId);
        List<PlanExercise> exercises = jdbc.query("""
                SELECT p.exercise_id, p.name, coalesce(e.description, '') AS description, p.dose
                FROM outcome_plan_exercise p LEFT JOIN exercise e ON e.exercise_id = p.exercise_id
                WHERE p.case_id = ? ORDER BY p.position""",
                (exercise, i) -> new PlanExercise(exercise.getObject(1, UUID.class), exercise.getString(2),
                        exercise.getString(3), dose(exercise.getString(4))), caseId);
        List<ProgressEntry> progress = jdbc.query(
                "SELECT exercise_id, day, outcome, pain FROM outcome_progress WHERE case_id = ? ORDER BY day, logged_at",
                (entry, i) -> new ProgressEntry(entry.getObject(1, UUID.class), entry.getObject(2, LocalDate.class),
                        entry.getString(3), (Integer) entry.getObject(4)), caseId);
        int done = row.getInt("progress_done");
        int skipped = row.getInt("progress_skipped");
        Plan plan = row.getObject("plan_id") == null ? null : new Plan(row.getObject("plan_id", UUID.class),
                row.getInt("plan_revision"), exercises, done, skipped,
                done + skipped == 0 ? null : Math.round(1000.0 * done / (done + skipped)) / 10.0);
        Instant meaningfulAt = instant(row, "meaningful_at");
        Instant dischargedAt = instant(row, "discharged_at");
        return new CaseOutcome(caseId, row.getObject("client_id", UUID.class), row.getObject("clinic_id", UUID.class),
                row.getObject("therapist_id", UUID.class), row.getString("complaint"), row.getString("finding_label"),
                row.getString("side"), instant(row, "opened_at"), (Integer) row.getObject("baseline_pain"),
                (Integer) row.getObject("latest_pain"), row.getInt("sessions_assessed"), trajectory,
                new MeaningfulChange(meaningfulAt != null, meaningfulAt, (Integer) row.getObject("sessions_to_meaningful"),
                        (Integer) row.getObject("days_to_meaningful")),
                techniques, plan, progress,
                dischargedAt == null ? null : new Discharge(dischargedAt, (Integer) row.getObject("final_pain"),
                        (Boolean) row.getObject("back_to_activity"), row.getString("discharge_reason")));
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
