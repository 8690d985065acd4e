package io.soleus.treatment.outcome;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboards' figures: outcomes grouped by clinic, therapist, finding, technique or month, for
 * pain and for the validated questionnaires; the
 * mean pain course over an episode's sessions; the cases behind any of them; and operations
 * (attended sessions, late cancellations, no-shows). Every figure takes the same {@link ReportFilter}
 * and covers only the clinics the caller may see.
 */
@Component
public class Reports {

    static final int LONGEST_COURSE = 12;
    static final int MOST_CASES = 500;

    private final JdbcTemplate jdbc;

    public Reports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record ReportRow(String key, long cases, Double meanPainChange, Double meaningfulChangePercent,
                            Double medianSessionsToMeaningfulChange, Double medianDaysToMeaningfulChange,
                            Double adherencePercent, long discharged, long open) {
    }

    /**
     * A validated questionnaire's figures: the cases that answered it and their mean baseline; of those
     * that answered it again ({@code followedUp}), the mean latest score, the mean change and the share
     * reaching its minimal important change.
     */
    public record FunctionRow(String key, String instrument, long cases, long followedUp, Double meanBaseline,
                              Double meanLatest, Double meanChange, Double meaningfulChangePercent) {
    }

    public record OperationsRow(String key, long sessions, long attended, long lateCancellations, long noShows) {
    }

    /** The mean pain at the n-th assessed session of the cases, and how many cases reached it. */
    public record CoursePoint(int session, double meanPain, long cases) {
    }

    /** One case as a drill-down list shows it. */
    public record CaseSummary(UUID caseId, UUID clientId, String clientName, UUID clinicId, UUID therapistId,
                              String finding, String side, Instant openedAt, Integer baselinePain, Integer latestPain,
                              int sessionsAssessed, boolean meaningfulChange, Integer sessionsToMeaningfulChange,
                              Double adherencePercent, Instant dischargedAt) {
    }

    /** Outcome figures of all the cases, or grouped {@code by} clinic, therapist, finding, technique or month (of opening). */
    public List<ReportRow> outcomes(String by, ReportFilter filter, Actor user) {
        String key = groupKey(by);
        String techniques = techniqueJoin(by);
        ReportFilter.Sql where = filter.onCases(user);
        return jdbc.query("SELECT " + key + " AS key, count(*) AS cases,"
                        + " avg(c.baseline_pain - coalesce(c.final_pain, c.latest_pain)) AS mean_change,"
                        + " 100.0 * count(c.meaningful_at) / nullif(count(c.baseline_pain), 0) AS meaningful_percent,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY c.sessions_to_meaningful) AS median_sessions,"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY c.days_to_meaningful) AS median_days,"
                        + " 100.0 * sum(c.progress_done) / nullif(sum(c.progress_done + c.progress_skipped), 0) AS adherence,"
                        + " count(c.discharged_at) AS discharged, count(*) - count(c.discharged_at) AS open"
                        + " FROM outcome_case c " + techniques + "WHERE " + where.where()
                        + " GROUP BY 1 ORDER BY 1",
                (row, i) -> new ReportRow(row.getString("key"), row.getLong("cases"), number(row, "mean_change"),
                        number(row, "meaningful_percent"), number(row, "median_sessions"), number(row, "median_days"),
                        number(row, "adherence"), row.getLong("discharged"), row.getLong("open")),
                where.arguments());
    }

    /**
     * The validated questionnaires' figures, per instrument, of all the cases or grouped {@code by} clinic,
     * therapist, finding, technique or month, as for pain: the mean baseline and latest score, the mean
     * change, and the share of cases whose score rose by at least the instrument's minimal important change.
     */
    public List<FunctionRow> function(String by, ReportFilter filter, Actor user) {
        String key = groupKey(by);
        String techniques = techniqueJoin(by);
        ReportFilter.Sql where = filter.onCases(user);
        // a change needs two answers: a case answered once counts in the baseline only
        return jdbc.query("SELECT " + key + " AS key, m.instrument, count(*) AS cases,"
                        + " count(*) FILTER (WHERE m.answers >= 2) AS followed_up, avg(m.baseline) AS baseline,"
                        + " avg(m.latest) FILTER (WHERE m.answers >= 2) AS latest,"
                        + " avg(m.latest - m.baseline) FILTER (WHERE m.answers >= 2) AS change,"
                        + " 100.0 * count(*) FILTER (WHERE m.answers >= 2"
                        + " AND m.latest - m.baseline >= m.minimal_important_change - 1e-9)"
                        + " / nullif(count(*) FILTER (WHERE m.answers >= 2), 0) AS meaningful_percent"
                        + " FROM outcome_case c JOIN outcome_case_measure m ON m.case_id = c.case_id " + techniques
                        + "WHERE " + where.where() + " GROUP BY 1, 2 ORDER BY 1, 2",
                (row, i) -> new FunctionRow(row.getString("key"), row.getString("instrument"), row.getLong("cases"),
                        row.getLong("followed_up"), number(row, "baseline"), number(row, "latest"), number(row, "change"),
                        number(row, "meaningful_percent")),
                where.arguments());
    }

    /** Grouped by technique, a case counts once under each technique it used ({@code t}); otherwise no join. */
    private static String techniqueJoin(String by) {
        return "technique".equals(by)
                ? "JOIN (SELECT DISTINCT case_id, technique FROM outcome_technique) t ON t.case_id = c.case_id " : "";
    }

    /** The SQL of a case's group: all, its clinic, therapist, finding, technique ({@code t}) or month of opening. */
    private static String groupKey(String by) {
        return switch (by) {
            case "all" -> "'all'";
            case "clinic" -> "c.clinic_id::text";
            case "therapist" -> "c.therapist_id::text";
            case "finding" -> "c.finding_code";
            case "technique" -> "t.technique";
            // the month in the clinic's own time zone, as booking told of it; UTC for a clinic without sessions yet
            case "month" -> "to_char(c.opened_at AT TIME ZONE coalesce((SELECT s.time_zone FROM booking_session s"
                    + " WHERE s.clinic_id = c.clinic_id LIMIT 1), 'UTC'), 'YYYY-MM')";
            default -> throw new InvalidValueException("by", "by is one of all, clinic, therapist, finding, technique, month");
        };
    }

    /** Sessions attended, cancelled late by the client and missed: all of them, or grouped {@code by} clinic, therapist or month. */
    public List<OperationsRow> operations(String by, ReportFilter filter, Actor user) {
        String key = switch (by) {
            case "all" -> "'all'";
            case "clinic" -> "s.clinic_id::text";
            case "therapist" -> "s.therapist_id::text";
            case "month" -> "to_char(s.starts_at AT TIME ZONE s.time_zone, 'YYYY-MM')";
            default -> throw new InvalidValueException("by", "by is one of all, clinic, therapist, month");
        };
        ReportFilter.Sql where = filter.onSessions(user);
        return jdbc.query("SELECT " + key + " AS key, count(*) AS sessions,"
                        + " count(*) FILTER (WHERE s.status = 'ATTENDED') AS attended,"
                        + " count(*) FILTER (WHERE s.status = 'CANCELLED' AND s.late_cancellation AND s.cancelled_by = 'CLIENT') AS late,"
                        + " count(*) FILTER (WHERE s.status = 'MISSED') AS missed"
                        + " FROM booking_session s WHERE " + where.where() + " GROUP BY 1 ORDER BY 1",
                (row, i) -> new OperationsRow(row.getString("key"), row.getLong("sessions"), row.getLong("attended"),
                        row.getLong("late"), row.getLong("missed")), where.arguments());
    }

    /** Pain over the episode: the mean pain at each case's first, second, … assessed session. */
    public List<CoursePoint> painCourse(ReportFilter filter, Actor user) {
        ReportFilter.Sql where = filter.onCases(user);
        List<Object> args = new ArrayList<>(where.args());
        args.add(LONGEST_COURSE);
        return jdbc.query("""
                SELECT n, avg(pain) AS mean_pain, count(*) AS cases FROM (
                    SELECT a.pain, row_number() OVER (PARTITION BY a.case_id ORDER BY a.recorded_at) AS n
                    FROM outcome_assessment a JOIN outcome_case c ON c.case_id = a.case_id
                    WHERE\s""" + where.where() + """
                ) numbered WHERE n <= ? GROUP BY n ORDER BY n""",
                (row, i) -> new CoursePoint(row.getInt("n"), Math.round(row.getDouble("mean_pain") * 10) / 10.0,
                        row.getLong("cases")), args.toArray());
    }

    /** The cases behind a figure, newest first, at most {@value #MOST_CASES}. */
    public List<CaseSummary> cases(ReportFilter filter, Actor user) {
        ReportFilter.Sql where = filter.onCases(user);
        List<Object> args = new ArrayList<>(where.args());
        args.add(MOST_CASES);
        return jdbc.query("""
                SELECT c.case_id, c.client_id, b.name AS client_name, c.clinic_id, c.therapist_id, c.finding_label, c.side,
                       c.opened_at, c.baseline_pain, coalesce(c.final_pain, c.latest_pain) AS latest_pain,
                       c.sessions_assessed, c.meaningful_at, c.sessions_to_meaningful,
                       100.0 * c.progress_done / nullif(c.progress_done + c.progress_skipped, 0) AS adherence,
                       c.discharged_at
                FROM outcome_case c LEFT JOIN booking_client b ON b.client_id = c.client_id
                WHERE\s""" + where.where() + " ORDER BY c.opened_at DESC, c.case_id LIMIT ?",
                (row, i) -> new CaseSummary(row.getObject("case_id", UUID.class), row.getObject("client_id", UUID.class),
                        row.getString("client_name"), row.getObject("clinic_id", UUID.class),
                        row.getObject("therapist_id", UUID.class), row.getString("finding_label"), row.getString("side"),
                        instant(row, "opened_at"), (Integer) row.getObject("baseline_pain"),
                        (Integer) row.getObject("latest_pain"), row.getInt("sessions_assessed"),
                        row.getObject("meaningful_at") != null, (Integer) row.getObject("sessions_to_meaningful"),
                        number(row, "adherence"), instant(row, "discharged_at")),
                args.toArray());
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
