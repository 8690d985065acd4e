package io.soleus.treatment.outcome;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.treatment.ClinicalPolicy;

/**
 * Which cases a dashboard figure covers: a clinic, a therapist, cases opened in a period or a month,
 * a working finding, a technique used, and whether the case reached a meaningful change; every part
 * optional. It becomes SQL conditions on the outcome read model, scoped to what the caller may see.
 */
public record ReportFilter(UUID clinicId, UUID therapistId, LocalDate from, LocalDate to, String finding,
                           String technique, YearMonth month, Boolean meaningful) {

    public static final ReportFilter EVERYTHING = new ReportFilter(null, null, null, null, null, null, null, null);

    public ReportFilter {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidValueException("to", "to must not be before from");
        }
        if (technique != null && !List.of(OutcomeProjection.TRIGGER_POINT_THERAPY, OutcomeProjection.MYOFASCIAL_RELEASE)
                .contains(technique)) {
            throw new InvalidValueException("technique", "technique is trigger-point-therapy or myofascial-release");
        }
    }

    /** SQL conditions and their arguments. */
    record Sql(String where, List<Object> args) {

        Object[] arguments() {
            return args.toArray();
        }
    }

    /** The conditions on cases ({@code c} is {@code outcome_case}), within what {@code user} may see. */
    Sql onCases(Actor user) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        scope(user, "c.clinic_id", conditions, args);
        add(conditions, args, "c.clinic_id = ?", clinicId);
        add(conditions, args, "c.therapist_id = ?", therapistId);
        // days in UTC, compared with the indexed column itself
        add(conditions, args, "c.opened_at >= ?::date", from);
        add(conditions, args, "c.opened_at < ?::date + 1", to);
        add(conditions, args, "c.finding_code = ?", finding);
        add(conditions, args, "EXISTS (SELECT 1 FROM outcome_technique t WHERE t.case_id = c.case_id AND t.technique = ?)",
                technique);
        if (month != null) {
            add(conditions, args, "c.opened_at >= ?::date", month.atDay(1));
            add(conditions, args, "c.opened_at < ?::date", month.plusMonths(1).atDay(1));
        }
        if (meaningful != null) {
            conditions.add(meaningful ? "c.meaningful_at IS NOT NULL" : "c.meaningful_at IS NULL AND c.baseline_pain IS NOT NULL");
        }
        return new Sql(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), args);
    }

    /** The conditions on sessions ({@code s} is {@code booking_session}); findings and techniques do not apply. */
    Sql onSessions(Actor user) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        scope(user, "s.clinic_id", conditions, args);
        add(conditions, args, "s.clinic_id = ?", clinicId);
        add(conditions, args, "s.therapist_id = ?", therapistId);
        add(conditions, args, "s.starts_at >= ?::date", from);
        add(conditions, args, "s.starts_at < ?::date + 1", to);
        if (month != null) {
            add(conditions, args, "s.starts_at >= ?::date", month.atDay(1));
            add(conditions, args, "s.starts_at < ?::date", month.plusMonths(1).atDay(1));
        }
        return new Sql(conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), args);
    }

    /** Admins see everything; a therapist only the clinics of their claim. */
    private static void scope(Actor user, String column, List<String> conditions, List<Object> args) {
        Optional<Set<String>> clinics = ClinicalPolicy.reportClinics(user);
        if (clinics.isEmpty()) {
            return;
        }
        if (clinics.get().isEmpty()) {
            conditions.add("FALSE");
            return;
        }
        conditions.add(column + " = ANY (?)");
        args.add(clinics.get().stream().map(ReportFilter::uuidOrNull).filter(java.util.Objects::nonNull).toArray(UUID[]::new));
    }

    private static UUID uuidOrNull(String clinic) {
        try {
            return UUID.fromString(clinic);
        } catch (IllegalArgumentException notAClinicId) {
            return null;
        }
    }

    private static void add(List<String> conditions, List<Object> args, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            args.add(value);
        }
    }
}
