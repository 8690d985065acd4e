package io.soleus.booking.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.BookingPolicy;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.BookingRules;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The calendars people look at: a therapist's days across clinics, a clinic's day sheet of rooms,
 * a client's sessions. Each answers only what the caller may see; the rest is a 404 or, in a
 * colleague's calendar, a busy block without the client.
 */
@Component
public class SchedulingQueries {

    private static final int LONGEST_CALENDAR_DAYS = 42;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SchedulingQueries(JdbcTemplate jdbc, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * A session as a calendar shows it; {@code client} is empty where the caller may not see who, and
     * {@code course} where it was booked on its own.
     */
    public record CalendarEntry(SessionId sessionId, ClinicId clinicId, String clinicName, UUID roomId, String roomName,
                                TherapistId therapistId, String therapistName, ClientId clientId, String clientName,
                                UUID sessionTypeId, String sessionType, Instant start, Instant end, LocalDateTime localStart,
                                LocalDateTime localEnd, String status, boolean lateCancellation, Course course) {
    }

    /** A session's place in its course of treatment: the {@code position}th of {@code size} (cancelled ones counted). */
    public record Course(SeriesId seriesId, int position, int size) {
    }

    public record Room(UUID roomId, String name, List<CalendarEntry> sessions) {
    }

    public record DaySheet(ClinicId clinicId, String clinicName, LocalDate date, String timeZone, List<Room> rooms) {
    }

    public record ClientSessions(ClientId clientId, List<CalendarEntry> upcoming, List<CalendarEntry> past) {
    }

    /**
     * Joins {@code course.position} and {@code course.size} of a session {@code s} booked in a course
     * (cancelled sessions counted), from the course's index; nothing for a session on its own.
     */
    public static final String COURSE = """
            LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE x.starts_at <= s.starts_at) AS position, count(*) AS size
                               FROM scheduling_session x WHERE x.series_id = s.series_id) course ON s.series_id IS NOT NULL
            """;

    private static final String ENTRY = """
            SELECT s.session_id, s.clinic_id, c.name AS clinic_name, c.time_zone, s.room_id, r.name AS room_name,
                   s.therapist_id, t.name AS therapist_name, s.client_id, cl.name AS client_name, s.session_type_id,
                   s.session_type_name,
                   s.starts_at, s.ends_at, s.status, coalesce(s.late_cancellation, FALSE) AS late, s.series_id,
                   course.position AS series_position, course.size AS series_size
            FROM scheduling_session s
            """ + COURSE + """
            JOIN scheduling_clinic c ON c.clinic_id = s.clinic_id
            JOIN scheduling_room r ON r.room_id = s.room_id
            JOIN scheduling_therapist t ON t.therapist_id = s.therapist_id
            LEFT JOIN scheduling_client cl ON cl.client_id = s.client_id
            """;

    /**
     * A therapist's sessions from one date to another (each in its clinic's time zone), across
     * clinics. Admins and the therapist see everything; a colleague sees the sessions at the clinics
     * of their own claim, and elsewhere only that the therapist is busy.
     */
    public List<CalendarEntry> therapistCalendar(TherapistId therapist, LocalDate from, LocalDate to, Actor user) {
        requireCalendarOf(therapist, from, to, user);
        boolean owner = BookingPolicy.ownsCalendarOf(user, therapist);
        return jdbc.query(ENTRY + """
                WHERE s.therapist_id = ? AND s.status <> 'CANCELLED' AND s.starts_at >= ? AND s.starts_at < ?
                  AND (s.starts_at AT TIME ZONE c.time_zone)::date BETWEEN ? AND ?
                ORDER BY s.starts_at""",
                (row, i) -> {
                    CalendarEntry entry = entry(row);
                    return owner || BookingPolicy.isStaffAt(user, entry.clinicId()) ? entry : busy(entry);
                }, therapist.value(), earliestStart(from), latestStart(to), from, to);
    }

    /**
     * A calendar of {@code therapist} of at most six weeks, for admins, the therapist and colleagues
     * at a clinic they share; for anyone else a 404.
     */
    public void requireCalendarOf(TherapistId therapist, LocalDate from, LocalDate to, Actor user) {
        requireRange(from, to);
        if (!BookingPolicy.ownsCalendarOf(user, therapist) && !worksWithCaller(therapist, user)) {
            throw new NotFoundException("No therapist " + therapist);
        }
    }

    /**
     * The earliest start of a session on local date {@code from} in any time zone: a bound the
     * (…, starts_at) indexes can use, where the exact local date beside it cannot. Every zone's
     * offset is within a day of UTC.
     */
    private static OffsetDateTime earliestStart(LocalDate from) {
        return from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Past the latest start of a session on local date {@code to} in any time zone (see {@link #earliestStart}). */
    private static OffsetDateTime latestStart(LocalDate to) {
        return to.plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** A clinic's rooms on one day with their sessions, for staff of that clinic. */
    public DaySheet daySheet(ClinicId clinic, LocalDate date, Actor user) {
        if (!BookingPolicy.isStaffAt(user, clinic)) {
            throw new NotFoundException("No clinic " + clinic);
        }
        Map<String, Object> header = jdbc.queryForList("SELECT name, time_zone FROM scheduling_clinic WHERE clinic_id = ?",
                clinic.value()).stream().findFirst().orElseThrow(() -> new NotFoundException("No clinic " + clinic));
        Map<UUID, Room> rooms = new LinkedHashMap<>();
        jdbc.query("SELECT room_id, name FROM scheduling_room WHERE clinic_id = ? AND NOT closed ORDER BY position",
                row -> {
                    rooms.put(row.getObject(1, UUID.class), new Room(row.getObject(1, UUID.class), row.getString(2), new ArrayList<>()));
                }, clinic.value());
        jdbc.query(ENTRY + """
                WHERE s.clinic_id = ? AND s.status <> 'CANCELLED' AND s.starts_at >= ? AND s.starts_at < ?
                  AND (s.starts_at AT TIME ZONE c.time_zone)::date = ?
                ORDER BY s.starts_at""",
                row -> {
                    CalendarEntry entry = entry(row);
                    rooms.computeIfAbsent(entry.roomId(), id -> new Room(id, entry.roomName(), new ArrayList<>()))
                            .sessions().add(entry);
                }, clinic.value(), earliestStart(date), latestStart(date), date);
        return new DaySheet(clinic, (String) header.get("name"), date, (String) header.get("time_zone"),
                List.copyOf(rooms.values()));
    }

    /** A client's sessions, upcoming first and past after; staff see those at their own clinics. */
    public ClientSessions clientSessions(ClientId client, Actor user) {
        if (!BookingPolicy.mayLookUpClient(user, client)) {
            throw new NotFoundException("No client " + client);
        }
        Instant now = clock.instant();
        List<CalendarEntry> upcoming = new ArrayList<>();
        List<CalendarEntry> past = new ArrayList<>();
        jdbc.query(ENTRY + "WHERE s.client_id = ? ORDER BY s.starts_at", row -> {
            CalendarEntry entry = entry(row);
            if (BookingPolicy.seesSession(user, entry.clinicId(), client)) {
                (entry.start().isAfter(now) ? upcoming : past).add(entry);
            }
        }, client.value());
        if (!BookingPolicy.seesAllOfClient(user, client) && upcoming.isEmpty() && past.isEmpty()) {
            throw new NotFoundException("No client " + client); // a therapist sees only clients of their clinics
        }
        return new ClientSessions(client, upcoming, reversed(past));
    }

    /** The sessions of a course of treatment in order, cancelled ones too, for its client and the clinic's staff. */
    public List<CalendarEntry> course(SeriesId series, Actor user) {
        List<CalendarEntry> sessions = jdbc.query(ENTRY + "WHERE s.series_id = ? ORDER BY s.starts_at",
                (row, i) -> entry(row), series.value());
        if (sessions.isEmpty() || !BookingPolicy.seesSession(user, sessions.get(0).clinicId(), sessions.get(0).clientId())) {
            throw new NotFoundException("No course " + series);
        }
        return sessions;
    }

    /** How a client is reached, as they registered or last changed it. */
    public record ClientProfile(ClientId clientId, String name, String email, String phone, String preferredChannel,
                                boolean remindersConsent, String language) {
    }

    /**
     * A client's contact details: for the client, admins, and therapists who have seen them at one of
     * their clinics; for anyone else (and a client not registered) a 404.
     */
    public ClientProfile clientProfile(ClientId client, Actor user) {
        boolean allowed = BookingPolicy.seesContactOf(user, client, () -> jdbc.queryForList(
                "SELECT DISTINCT clinic_id::text FROM scheduling_session WHERE client_id = ?", String.class, client.value()));
        return jdbc.query("""
                SELECT name, email, phone, preferred_channel, coalesce(reminders_consent, FALSE), language
                FROM scheduling_client WHERE client_id = ?""",
                (row, i) -> new ClientProfile(client, row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5), row.getString(6)), client.value())
                .stream().filter(profile -> allowed).findFirst()
                .orElseThrow(() -> new NotFoundException("No client " + client));
    }

    /** One session, for its client and the staff of its clinic. */
    public CalendarEntry session(SessionId session, Actor user) {
        return jdbc.query(ENTRY + "WHERE s.session_id = ?", (row, i) -> entry(row), session.value()).stream()
                .filter(entry -> BookingPolicy.seesSession(user, entry.clinicId(), entry.clientId()))
                .findFirst().orElseThrow(() -> new NotFoundException("No session " + session));
    }

    public record ClinicSummary(ClinicId clinicId, String name, String address, String timeZone, WeeklyHours openingHours,
                                Duration lateCancellationWindow, boolean closed, List<RoomSummary> rooms,
                                BookingRules bookingRules) {
    }

    public record RoomSummary(UUID roomId, String name, boolean closed) {
    }

    public record TherapistSummary(TherapistId therapistId, String name, List<ClinicId> clinics) {
    }

    public record SessionTypeSummary(UUID sessionTypeId, String name, Duration duration, Duration bufferAfter,
                                     List<TherapistId> therapists) {
    }

    /** Every clinic with its rooms, in name order: what a client picks from when booking. */
    public List<ClinicSummary> clinics() {
        Map<UUID, List<RoomSummary>> rooms = new LinkedHashMap<>();
        jdbc.query("SELECT clinic_id, room_id, name, closed FROM scheduling_room ORDER BY clinic_id, position", row -> {
            rooms.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(new RoomSummary(row.getObject(2, UUID.class), row.getString(3), row.getBoolean(4)));
        });
        return jdbc.query("SELECT c.clinic_id, name, address, time_zone, opening_hours, late_cancellation_minutes, closed, "
                        + BookingRulesColumns.SELECTED + " FROM scheduling_clinic c " + BookingRulesColumns.JOINED
                        + " ORDER BY name, c.clinic_id",
                (row, i) -> new ClinicSummary(new ClinicId(row.getObject(1, UUID.class)), row.getString(2), row.getString(3),
                        row.getString(4), hours(row.getString(5)), Duration.ofMinutes(row.getInt(6)), row.getBoolean(7),
                        rooms.getOrDefault(row.getObject(1, UUID.class), List.of()), BookingRulesColumns.read(row, 8)));
    }

    /** The therapists, optionally only those working at one clinic, with the clinics they work at. */
    public List<TherapistSummary> therapists(ClinicId clinic) {
        Map<UUID, List<ClinicId>> clinics = new LinkedHashMap<>();
        jdbc.query("SELECT therapist_id, clinic_id FROM scheduling_therapist_clinic ORDER BY therapist_id, clinic_id", row -> {
            clinics.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(new ClinicId(row.getObject(2, UUID.class)));
        });
        return jdbc.query("SELECT therapist_id, name FROM scheduling_therapist ORDER BY name, therapist_id",
                        (row, i) -> new TherapistSummary(new TherapistId(row.getObject(1, UUID.class)), row.getString(2),
                                clinics.getOrDefault(row.getObject(1, UUID.class), List.of())))
                .stream().filter(therapist -> clinic == null || therapist.clinics().contains(clinic)).toList();
    }

    public List<SessionTypeSummary> sessionTypes() {
        Map<UUID, List<TherapistId>> offeredBy = new LinkedHashMap<>();
        jdbc.query("SELECT session_type_id, therapist_id FROM scheduling_session_type_therapist ORDER BY therapist_id", row -> {
            offeredBy.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(new TherapistId(row.getObject(2, UUID.class)));
        });
        return jdbc.query("SELECT session_type_id, name, duration_minutes, buffer_minutes FROM scheduling_session_type ORDER BY name",
                (row, i) -> new SessionTypeSummary(row.getObject(1, UUID.class), row.getString(2),
                        Duration.ofMinutes(row.getInt(3)), Duration.ofMinutes(row.getInt(4)),
                        offeredBy.getOrDefault(row.getObject(1, UUID.class), List.of())));
    }

    private WeeklyHours hours(String json) {
        return HoursColumn.read(mapper, json);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private boolean worksWithCaller(TherapistId therapist, Actor user) {
        return BookingPolicy.worksAtOneOf(user, jdbc.queryForList(
                "SELECT clinic_id::text FROM scheduling_therapist_clinic WHERE therapist_id = ?", String.class, therapist.value()));
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidValueException("to", "to must not be before from");
        }
        if (from.plusDays(LONGEST_CALENDAR_DAYS).isBefore(to)) {
            throw new InvalidValueException("to", "a calendar spans at most " + LONGEST_CALENDAR_DAYS + " days");
        }
    }

    private static CalendarEntry busy(CalendarEntry entry) {
        return new CalendarEntry(entry.sessionId(), entry.clinicId(), entry.clinicName(), entry.roomId(), entry.roomName(),
                entry.therapistId(), entry.therapistName(), null, null, null, null, entry.start(), entry.end(),
                entry.localStart(), entry.localEnd(), "BUSY", false, null);
    }

    private static CalendarEntry entry(ResultSet row) throws SQLException {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        Instant start = row.getObject("starts_at", OffsetDateTime.class).toInstant();
        Instant end = row.getObject("ends_at", OffsetDateTime.class).toInstant();
        return new CalendarEntry(new SessionId(row.getObject("session_id", UUID.class)),
                new ClinicId(row.getObject("clinic_id", UUID.class)), row.getString("clinic_name"),
                row.getObject("room_id", UUID.class), row.getString("room_name"),
                new TherapistId(row.getObject("therapist_id", UUID.class)), row.getString("therapist_name"),
                new ClientId(row.getObject("client_id", UUID.class)), row.getString("client_name"),
                row.getObject("session_type_id", UUID.class), row.getString("session_type_name"), start, end, LocalDateTime.ofInstant(start, zone),
                LocalDateTime.ofInstant(end, zone), row.getString("status"), row.getBoolean("late"), course(row));
    }

    private static Course course(ResultSet row) throws SQLException {
        UUID series = row.getObject("series_id", UUID.class);
        return series == null ? null
                : new Course(new SeriesId(series), row.getInt("series_position"), row.getInt("series_size"));
    }
}
