package io.soleus.booking.scheduling;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.Hours;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.BookingRules;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the slots a session type could be booked in at a clinic: inside the clinic's hours and a
 * therapist's availability there, clear of that therapist's sessions anywhere (with buffers) and
 * with a room free. Five queries read everything the range needs; the rest is arithmetic on sorted
 * arrays of epoch seconds, so a clinic with 20 therapists over 90 days answers in milliseconds.
 * It reads the read model, so it can trail the newest bookings by moments; booking re-checks all.
 */
@Component
public class FreeSlotSearch {

    static final long GRID_SECONDS = Duration.ofMinutes(15).toSeconds();
    static final int LONGEST_RANGE_DAYS = 92;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration horizon;

    public FreeSlotSearch(JdbcTemplate jdbc, ObjectMapper mapper, Clock clock,
                          @Value("${soleus.booking.horizon:P180D}") Duration horizon) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
        this.horizon = horizon;
    }

    /**
     * Free slots of {@code sessionTypeId} at a clinic from one local date to another, both included;
     * {@code online} for a client booking themself, who is offered only what the clinic's rules allow.
     */
    public record FindFreeSlots(ClinicId clinicId, LocalDate from, LocalDate to, SessionTypeId sessionTypeId,
                                TherapistId therapistId, boolean online) {

        public FindFreeSlots {
            Require.present("clinicId", clinicId);
            Require.present("from", from);
            Require.present("to", to);
            Require.present("sessionTypeId", sessionTypeId);
            if (to.isBefore(from)) {
                throw new InvalidValueException("to", "to must not be before from");
            }
            if (ChronoUnit.DAYS.between(from, to) >= LONGEST_RANGE_DAYS) {
                throw new InvalidValueException("to", "a search spans at most " + LONGEST_RANGE_DAYS + " days");
            }
        }
    }

    /** A bookable start, in UTC and in the clinic's wall-clock time, with the therapists free then. */
    public record FreeSlot(Instant start, Instant end, LocalDateTime localStart, List<TherapistId> therapists) {
    }

    public record FreeSlots(ClinicId clinicId, SessionTypeId sessionTypeId, String timeZone, List<FreeSlot> slots) {
    }

    public FreeSlots find(FindFreeSlots query) {
        UUID clinicId = query.clinicId().value();
        UUID typeId = query.sessionTypeId().value();
        UUID onlyTherapist = query.therapistId() == null ? null : query.therapistId().value();

        ClinicRow clinic = jdbc.query("SELECT time_zone, opening_hours, closed, " + BookingRulesColumns.SELECTED
                        + " FROM scheduling_clinic c " + BookingRulesColumns.JOINED + " WHERE c.clinic_id = ?",
                (row, i) -> new ClinicRow(ZoneId.of(row.getString(1)), hours(row.getString(2)), row.getBoolean(3),
                        BookingRulesColumns.read(row, 4)),
                clinicId).stream().findFirst().orElseThrow(() -> new NotFoundException("No clinic " + query.clinicId()));
        long[] type = jdbc.query("SELECT duration_minutes, buffer_minutes FROM scheduling_session_type WHERE session_type_id = ?",
                (row, i) -> new long[] {row.getInt(1) * 60L, row.getInt(2) * 60L}, typeId)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("No session type " + query.sessionTypeId()));
        long duration = type[0];
        long buffer = type[1];
        if (clinic.closed()) {
            return new FreeSlots(query.clinicId(), query.sessionTypeId(), clinic.zone().getId(), List.of());
        }

        Map<UUID, Candidate> therapists = new LinkedHashMap<>();
        String offering = """
                SELECT tc.therapist_id FROM scheduling_therapist_clinic tc
                JOIN scheduling_session_type_therapist stt ON stt.therapist_id = tc.therapist_id AND stt.session_type_id = ?
                WHERE tc.clinic_id = ? AND (?::uuid IS NULL OR tc.therapist_id = ?::uuid)""";
        jdbc.query("SELECT therapist_id, weekly_hours FROM scheduling_therapist_clinic WHERE clinic_id = ? AND therapist_id IN ("
                        + offering + ") ORDER BY therapist_id",
                row -> {
                    UUID id = row.getObject(1, UUID.class);
                    therapists.put(id, new Candidate(new TherapistId(id), hours(row.getString(2))));
                }, clinicId, typeId, clinicId, onlyTherapist, onlyTherapist);
        if (therapists.isEmpty()) {
            return new FreeSlots(query.clinicId(), query.sessionTypeId(), clinic.zone().getId(), List.of());
        }

        long rangeStart = query.from().atStartOfDay(clinic.zone()).toEpochSecond();
        long rangeEnd = query.to().plusDays(1).atStartOfDay(clinic.zone()).toEpochSecond() + duration + buffer;
        Object[] rangeArgs = {typeId, clinicId, onlyTherapist, onlyTherapist, rangeEnd, rangeStart};
        jdbc.query("""
                SELECT therapist_id, kind, clinic_id, extract(epoch FROM starts_at)::bigint, extract(epoch FROM ends_at)::bigint
                FROM scheduling_availability_exception
                WHERE therapist_id IN (""" + offering + ") AND starts_at < to_timestamp(?) AND ends_at > to_timestamp(?)",
                row -> {
                    Candidate therapist = therapists.get(row.getObject(1, UUID.class));
                    UUID at = row.getObject(3, UUID.class);
                    long[] span = {row.getLong(4), row.getLong(5)};
                    if ("TIME_OFF".equals(row.getString(2)) && (at == null || at.equals(clinicId))) {
                        therapist.timeOff.add(span);
                    } else if ("EXTRA_HOURS".equals(row.getString(2)) && clinicId.equals(at)) {
                        therapist.extraHours.add(span);
                    }
                }, rangeArgs);
        Map<UUID, Busy> therapistBusy = busy("therapist_id", "therapist_id IN (" + offering + ")", rangeArgs);
        List<UUID> rooms = jdbc.queryForList(
                "SELECT room_id FROM scheduling_room WHERE clinic_id = ? AND NOT closed ORDER BY position", UUID.class, clinicId);
        Map<UUID, Busy> roomBusy = busy("room_id", "room_id IN (SELECT room_id FROM scheduling_room WHERE clinic_id = ? AND NOT closed)",
                clinicId, rangeEnd, rangeStart);

        // Every start lies on its clinic span's quarter-hour grid and spans never overlap, so a start
        // has its own cell in arrays indexed from the first midnight: no boxing, no maps in the loop.
        Busy[] roomBusyInOrder = rooms.stream().map(id -> roomBusy.getOrDefault(id, Busy.NONE)).toArray(Busy[]::new);
        int cells = (int) ((rangeEnd - rangeStart) / GRID_SECONDS) + 1;
        byte[] roomFree = new byte[cells]; // 0 not yet known, 1 a room is free, 2 every room is taken
        long[] startOf = new long[cells];
        @SuppressWarnings("unchecked")
        List<TherapistId>[] freeTherapists = new List[cells];
        // a start at or before this is too soon: now, or for a client just before the earliest the clinic's rules allow
        long tooSoon = (query.online() ? clinic.rules().earliestOnline(clock.instant(), clinic.zone()).minusNanos(1)
                : clock.instant()).getEpochSecond();
        long latest = clock.instant().plus(horizon).getEpochSecond();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            List<Hours> open = clinic.openingHours().on(day.getDayOfWeek());
            if (open.isEmpty()) {
                continue;
            }
            for (Candidate therapist : therapists.values()) {
                Busy busy = therapistBusy.getOrDefault(therapist.id.value(), Busy.NONE);
                for (long[] window : therapist.windows(day, open, clinic.zone())) {
                    for (long start = window[0]; start + duration <= window[1]; start += GRID_SECONDS) {
                        long end = start + duration;
                        if (start <= tooSoon || start > latest || therapist.offAt(start, end)
                                || !busy.isFree(start, end + buffer)) {
                            continue;
                        }
                        int cell = (int) ((start - rangeStart) / GRID_SECONDS);
                        if (roomFree[cell] == 0) {
                            roomFree[cell] = anyFree(roomBusyInOrder, start, end + buffer) ? (byte) 1 : (byte) 2;
                        }
                        if (roomFree[cell] == 1) {
                            if (freeTherapists[cell] == null) {
                                freeTherapists[cell] = new ArrayList<>(4);
                                startOf[cell] = start;
                            }
                            if (!freeTherapists[cell].contains(therapist.id)) { // weekly and extra hours may both offer it
                                freeTherapists[cell].add(therapist.id);
                            }
                        }
                    }
                }
            }
        }
        List<FreeSlot> found = new ArrayList<>();
        for (int cell = 0; cell < cells; cell++) {
            if (freeTherapists[cell] != null) {
                Instant start = Instant.ofEpochSecond(startOf[cell]);
                found.add(new FreeSlot(start, start.plusSeconds(duration), LocalDateTime.ofInstant(start, clinic.zone()),
                        List.copyOf(freeTherapists[cell])));
            }
        }
        return new FreeSlots(query.clinicId(), query.sessionTypeId(), clinic.zone().getId(), found);
    }

    private static boolean anyFree(Busy[] rooms, long start, long end) {
        for (Busy room : rooms) {
            if (room.isFree(start, end)) {
                return true;
            }
        }
        return false;
    }

    private Map<UUID, Busy> busy(String owner, String condition, Object... args) {
        Map<UUID, List<long[]>> spans = new HashMap<>();
        // booked sessions, and times held for a waitlisted client's offer: neither may be booked by anyone else
        jdbc.query("SELECT " + owner + ", extract(epoch FROM starts_at)::bigint, extract(epoch FROM busy_until)::bigint FROM ("
                        + "SELECT therapist_id, room_id, starts_at, busy_until FROM scheduling_session WHERE status <> 'CANCELLED'"
                        + " UNION ALL SELECT therapist_id, room_id, starts_at, busy_until FROM waitlist_offer WHERE status = 'OFFERED'"
                        + ") taken WHERE " + condition + " AND starts_at < to_timestamp(?) AND busy_until > to_timestamp(?)"
                        + " ORDER BY starts_at",
                (ResultSet row) -> {
                    spans.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new long[] {row.getLong(2), row.getLong(3)});
                }, args);
        Map<UUID, Busy> busy = new HashMap<>();
        spans.forEach((id, list) -> busy.put(id, Busy.of(list)));
        return busy;
    }

    private WeeklyHours hours(String json) {
        return HoursColumn.read(mapper, json);
    }

    private record ClinicRow(ZoneId zone, WeeklyHours openingHours, boolean closed, BookingRules rules) {
    }

    /** Sorted, non-overlapping busy spans; a span is free when no busy span overlaps it. */
    record Busy(long[] starts, long[] ends) {

        static final Busy NONE = new Busy(new long[0], new long[0]);

        static Busy of(List<long[]> spans) {
            return new Busy(spans.stream().mapToLong(span -> span[0]).toArray(),
                    spans.stream().mapToLong(span -> span[1]).toArray());
        }

        boolean isFree(long start, long end) {
            int i = Arrays.binarySearch(starts, start);
            int first = i >= 0 ? i : Math.max(0, -i - 2); // the last span starting at or before start
            for (int j = first; j < starts.length && starts[j] < end; j++) {
                if (ends[j] > start) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A therapist who offers the session type at the clinic, with their hours there. */
    private static final class Candidate {

        final TherapistId id;
        final WeeklyHours weekly;
        final List<long[]> timeOff = new ArrayList<>();
        final List<long[]> extraHours = new ArrayList<>();

        Candidate(TherapistId id, WeeklyHours weekly) {
            this.id = id;
            this.weekly = weekly;
        }

        /** The spans of a day in which this therapist may start sessions, each start on the grid. */
        List<long[]> windows(LocalDate day, List<Hours> open, ZoneId zone) {
            List<long[]> windows = new ArrayList<>();
            DayOfWeek weekday = day.getDayOfWeek();
            for (Hours clinicHours : open) {
                long opens = epoch(day, clinicHours.from(), zone);
                long closes = epoch(day, clinicHours.to(), zone);
                for (Hours mine : weekly.on(weekday)) {
                    LocalTime from = mine.from().isAfter(clinicHours.from()) ? mine.from() : clinicHours.from();
                    LocalTime to = mine.to().isBefore(clinicHours.to()) ? mine.to() : clinicHours.to();
                    if (from.isBefore(to)) {
                        windows.add(new long[] {onGrid(epoch(day, from, zone), opens), epoch(day, to, zone)});
                    }
                }
                for (long[] extra : extraHours) {
                    long from = Math.max(extra[0], opens);
                    long to = Math.min(extra[1], closes);
                    if (from < to) {
                        windows.add(new long[] {onGrid(from, opens), to});
                    }
                }
            }
            return windows;
        }

        boolean offAt(long start, long end) {
            for (long[] off : timeOff) {
                if (off[0] < end && start < off[1]) {
                    return true;
                }
            }
            return false;
        }

        private static long epoch(LocalDate day, LocalTime time, ZoneId zone) {
            return day.atTime(time).atZone(zone).toEpochSecond();
        }

        /** The first grid point at or after {@code time}, the grid counted from the day's opening. */
        private static long onGrid(long time, long opens) {
            long offset = Math.floorMod(time - opens, GRID_SECONDS);
            return offset == 0 ? time : time + GRID_SECONDS - offset;
        }
    }
}
