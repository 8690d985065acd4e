package io.soleus.booking.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.Hours;
import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When therapists work, day by day: their weekly hours at each clinic within its opening hours,
 * plus extra hours, less time off; and when each clinic's rooms are open. What a therapist's
 * calendar shows as working and free time, and what utilisation is measured against.
 */
@Component
public class Availability {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public Availability(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** A stretch of working time at a clinic, in UTC and in the clinic's wall-clock time. */
    public record Window(ClinicId clinicId, String clinicName, Instant start, Instant end, LocalDateTime localStart,
                         LocalDateTime localEnd) {

        long seconds() {
            return end.getEpochSecond() - start.getEpochSecond();
        }
    }

    /** A therapist's time off (at one clinic, or everywhere when {@code clinicId} is null). */
    public record TimeOff(UUID exceptionId, ClinicId clinicId, Instant start, Instant end) {
    }

    public record TherapistDays(TherapistId therapistId, List<Window> working, List<TimeOff> timeOff) {
    }

    record ClinicHours(UUID clinicId, String name, ZoneId zone, WeeklyHours opening, boolean closed) {
    }

    private record Placement(UUID therapistId, UUID clinicId, WeeklyHours weekly) {
    }

    private record Exception(UUID id, UUID therapistId, String kind, UUID clinicId, long start, long end) {
    }

    /** Each therapist's (all of them, or the one named) working time and time off between two dates, both included. */
    public Map<UUID, TherapistDays> therapists(TherapistId only, LocalDate from, LocalDate to) {
        Map<UUID, ClinicHours> clinics = clinics();
        UUID onlyId = only == null ? null : only.value();
        List<Placement> placements = jdbc.query("""
                SELECT therapist_id, clinic_id, weekly_hours FROM scheduling_therapist_clinic
                WHERE (?::uuid IS NULL OR therapist_id = ?::uuid) ORDER BY therapist_id, clinic_id""",
                (row, i) -> new Placement(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        HoursColumn.read(mapper, row.getString(3))), onlyId, onlyId);
        Instant rangeStart = from.minusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Instant rangeEnd = to.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
        List<Exception> exceptions = jdbc.query("""
                SELECT exception_id, therapist_id, kind, clinic_id, starts_at, ends_at FROM scheduling_availability_exception
                WHERE (?::uuid IS NULL OR therapist_id = ?::uuid) AND starts_at < ? AND ends_at > ?
                ORDER BY starts_at""",
                (row, i) -> new Exception(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                        row.getObject(4, UUID.class), epoch(row, 5), epoch(row, 6)),
                onlyId, onlyId, rangeEnd.atOffset(java.time.ZoneOffset.UTC), rangeStart.atOffset(java.time.ZoneOffset.UTC));

        Map<UUID, TherapistDays> days = new LinkedHashMap<>();
        for (Placement placement : placements) {
            ClinicHours clinic = clinics.get(placement.clinicId());
            TherapistDays therapist = days.computeIfAbsent(placement.therapistId(),
                    id -> new TherapistDays(new TherapistId(id), new ArrayList<>(), new ArrayList<>()));
            if (clinic == null || clinic.closed()) {
                continue;
            }
            List<Exception> own = exceptions.stream().filter(e -> e.therapistId().equals(placement.therapistId())).toList();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                List<long[]> spans = new ArrayList<>();
                for (Hours open : clinic.opening().on(day.getDayOfWeek())) {
                    long opens = epoch(day, open.from(), clinic.zone());
                    long closes = epoch(day, open.to(), clinic.zone());
                    for (Hours mine : placement.weekly().on(day.getDayOfWeek())) {
                        spans.add(new long[] {Math.max(opens, epoch(day, mine.from(), clinic.zone())),
                                Math.min(closes, epoch(day, mine.to(), clinic.zone()))});
                    }
                    for (Exception extra : own) {
                        if ("EXTRA_HOURS".equals(extra.kind()) && placement.clinicId().equals(extra.clinicId())) {
                            spans.add(new long[] {Math.max(opens, extra.start()), Math.min(closes, extra.end())});
                        }
                    }
                }
                List<long[]> off = own.stream().filter(e -> "TIME_OFF".equals(e.kind())
                        && (e.clinicId() == null || e.clinicId().equals(placement.clinicId())))
                        .map(e -> new long[] {e.start(), e.end()}).toList();
                for (long[] span : minus(merge(spans), off)) {
                    Instant start = Instant.ofEpochSecond(span[0]);
                    Instant end = Instant.ofEpochSecond(span[1]);
                    therapist.working().add(new Window(new ClinicId(clinic.clinicId()), clinic.name(), start, end,
                            LocalDateTime.ofInstant(start, clinic.zone()), LocalDateTime.ofInstant(end, clinic.zone())));
                }
            }
        }
        for (Exception e : exceptions) {
            TherapistDays therapist = days.get(e.therapistId());
            if (therapist != null && "TIME_OFF".equals(e.kind())) {
                therapist.timeOff().add(new TimeOff(e.id(), e.clinicId() == null ? null : new ClinicId(e.clinicId()),
                        Instant.ofEpochSecond(e.start()), Instant.ofEpochSecond(e.end())));
            }
        }
        days.values().forEach(therapist -> therapist.working().sort(Comparator.comparing(Window::start)));
        return days;
    }

    /** How long each clinic is open between two dates, both included, in seconds. */
    Map<UUID, Long> openSeconds(LocalDate from, LocalDate to) {
        Map<UUID, Long> open = new LinkedHashMap<>();
        clinics().values().forEach(clinic -> {
            long seconds = 0;
            if (!clinic.closed()) {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    for (Hours hours : clinic.opening().on(day.getDayOfWeek())) {
                        seconds += epoch(day, hours.to(), clinic.zone()) - epoch(day, hours.from(), clinic.zone());
                    }
                }
            }
            open.put(clinic.clinicId(), seconds);
        });
        return open;
    }

    Map<UUID, ClinicHours> clinics() {
        Map<UUID, ClinicHours> clinics = new LinkedHashMap<>();
        jdbc.query("SELECT clinic_id, name, time_zone, opening_hours, closed FROM scheduling_clinic ORDER BY name", row -> {
            UUID id = row.getObject(1, UUID.class);
            clinics.put(id, new ClinicHours(id, row.getString(2), ZoneId.of(row.getString(3)),
                    HoursColumn.read(mapper, row.getString(4)), row.getBoolean(5)));
        });
        return clinics;
    }

    /** Sorted spans with overlaps joined. */
    static List<long[]> merge(List<long[]> spans) {
        List<long[]> sorted = spans.stream().filter(span -> span[0] < span[1])
                .sorted(Comparator.comparingLong(span -> span[0])).toList();
        List<long[]> merged = new ArrayList<>();
        for (long[] span : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new long[] {span[0], span[1]});
            }
        }
        return merged;
    }

    /** {@code spans} with every part that {@code removed} covers cut out. */
    static List<long[]> minus(List<long[]> spans, List<long[]> removed) {
        List<long[]> left = new ArrayList<>(spans);
        for (long[] cut : removed) {
            List<long[]> next = new ArrayList<>();
            for (long[] span : left) {
                if (cut[1] <= span[0] || span[1] <= cut[0]) {
                    next.add(span);
                    continue;
                }
                if (span[0] < cut[0]) {
                    next.add(new long[] {span[0], cut[0]});
                }
                if (cut[1] < span[1]) {
                    next.add(new long[] {cut[1], span[1]});
                }
            }
            left = next;
        }
        return left;
    }

    private static long epoch(LocalDate day, LocalTime time, ZoneId zone) {
        return day.atTime(time).atZone(zone).toEpochSecond();
    }

    private static long epoch(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        return row.getObject(column, OffsetDateTime.class).toEpochSecond();
    }
}
