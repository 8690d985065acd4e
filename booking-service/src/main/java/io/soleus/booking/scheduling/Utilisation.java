package io.soleus.booking.scheduling;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.InvalidValueException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How much of the time on offer was booked, for admins: each therapist's working time (weekly hours
 * within opening hours, plus extra hours, less time off) against the sessions booked in it, and each
 * room's opening time against the sessions held in it. A no-show still took its slot; a cancelled
 * session did not.
 */
@Component
public class Utilisation {

    static final int LONGEST_RANGE_DAYS = 400;

    private final JdbcTemplate jdbc;
    private final Availability availability;

    public Utilisation(JdbcTemplate jdbc, Availability availability) {
        this.jdbc = jdbc;
        this.availability = availability;
    }

    /** Minutes on offer and minutes booked for one therapist, room or clinic; {@code percent} null when nothing was on offer. */
    public record Share(UUID id, String name, UUID clinicId, long availableMinutes, long bookedMinutes, Double percent) {

        static Share of(UUID id, String name, UUID clinicId, long availableSeconds, long bookedSeconds) {
            long available = availableSeconds / 60;
            long booked = bookedSeconds / 60;
            return new Share(id, name, clinicId, available, booked,
                    available == 0 ? null : Math.round(1000.0 * booked / available) / 10.0);
        }
    }

    public record Report(LocalDate from, LocalDate to, List<Share> clinics, List<Share> therapists, List<Share> rooms) {
    }

    private record Booked(UUID therapistId, UUID clinicId, UUID roomId, long seconds) {
    }

    public Report between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidValueException("to", "to must not be before from");
        }
        if (from.plusDays(LONGEST_RANGE_DAYS).isBefore(to)) {
            throw new InvalidValueException("to", "a report spans at most " + LONGEST_RANGE_DAYS + " days");
        }
        Map<UUID, Availability.ClinicHours> clinics = availability.clinics();
        // a day longer at both ends than any time zone needs; each session is then kept by its clinic's own date
        List<Booked> booked = new ArrayList<>();
        jdbc.query("""
                SELECT therapist_id, clinic_id, room_id, starts_at, extract(epoch FROM ends_at - starts_at)::bigint
                FROM scheduling_session WHERE status <> 'CANCELLED' AND starts_at >= ? AND starts_at < ?""",
                row -> {
                    Availability.ClinicHours clinic = clinics.get(row.getObject(2, UUID.class));
                    ZoneId zone = clinic == null ? ZoneOffset.UTC : clinic.zone();
                    LocalDate day = row.getObject(4, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        booked.add(new Booked(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                                row.getObject(3, UUID.class), row.getLong(5)));
                    }
                },
                from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), to.plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC));

        Map<UUID, Long> therapistBooked = sum(booked, Booked::therapistId);
        Map<UUID, Long> roomBooked = sum(booked, Booked::roomId);
        Map<UUID, Long> clinicBooked = sum(booked, Booked::clinicId);

        Map<UUID, String> therapistNames = new HashMap<>();
        jdbc.query("SELECT therapist_id, name FROM scheduling_therapist", row -> {
            therapistNames.put(row.getObject(1, UUID.class), row.getString(2));
        });
        Map<UUID, Long> clinicWorking = new HashMap<>();
        List<Share> therapists = new ArrayList<>();
        availability.therapists(null, from, to).forEach((id, days) -> {
            long working = 0;
            for (Availability.Window window : days.working()) {
                working += window.seconds();
                clinicWorking.merge(window.clinicId().value(), window.seconds(), Long::sum);
            }
            therapists.add(Share.of(id, therapistNames.getOrDefault(id, ""), null, working, therapistBooked.getOrDefault(id, 0L)));
        });
        therapists.sort(java.util.Comparator.comparing(Share::name));

        Map<UUID, Long> open = availability.openSeconds(from, to);
        List<Share> rooms = new ArrayList<>();
        jdbc.query("SELECT room_id, clinic_id, name FROM scheduling_room WHERE NOT closed ORDER BY clinic_id, position", row -> {
            UUID room = row.getObject(1, UUID.class);
            UUID clinic = row.getObject(2, UUID.class);
            long seconds = open.getOrDefault(clinic, 0L);
            rooms.add(Share.of(room, row.getString(3), clinic, seconds, roomBooked.getOrDefault(room, 0L)));
        });
        List<Share> clinicShares = clinics.values().stream()
                .map(clinic -> Share.of(clinic.clinicId(), clinic.name(), clinic.clinicId(),
                        clinicWorking.getOrDefault(clinic.clinicId(), 0L), clinicBooked.getOrDefault(clinic.clinicId(), 0L)))
                .toList();
        return new Report(from, to, clinicShares, therapists, rooms);
    }

    private static Map<UUID, Long> sum(List<Booked> booked, java.util.function.Function<Booked, UUID> key) {
        Map<UUID, Long> sums = new HashMap<>();
        booked.forEach(session -> sums.merge(key.apply(session), session.seconds(), Long::sum));
        return sums;
    }
}
