package io.soleus.web.therapist;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.soleus.web.services.BookingApi.Availability;
import io.soleus.web.services.BookingApi.Session;
import io.soleus.web.services.BookingApi.TimeOff;
import io.soleus.web.services.BookingApi.Window;

/**
 * A therapist's days as the calendar lists them: for each day, in time order, the sessions, the free
 * time left in each stretch of working time (a quarter of an hour or more), and time off; every time
 * in the clinic's own wall-clock time.
 */
public record Agenda(List<Day> days) {

    private static final long SHORTEST_FREE_MINUTES = 15;

    /** One entry of a day: a session, free time at a clinic, or time off. */
    public record Entry(String kind, LocalDateTime from, LocalDateTime to, String clinicName, Session session) {

        public boolean hasSession() {
            return "session".equals(kind);
        }

        public long minutes() {
            return Duration.between(from, to).toMinutes();
        }
    }

    public record Day(LocalDate date, List<Entry> entries) {
    }

    static Agenda of(LocalDate from, LocalDate to, List<Session> sessions, Availability availability, ZoneId zone) {
        Map<LocalDate, List<Entry>> days = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.put(day, new ArrayList<>());
        }
        sessions.forEach(session -> add(days, new Entry("session", session.localStart(), session.localEnd(),
                session.clinicName(), session)));
        for (Window window : availability.working()) {
            // the window's offset from UTC carries its clinic's time to the free time inside it
            long offset = Duration.between(LocalDateTime.ofInstant(window.start(), ZoneOffset.UTC), window.localStart()).toSeconds();
            Instant free = window.start();
            for (Session session : sessions.stream().filter(s -> s.start().isBefore(window.end()) && s.end().isAfter(window.start()))
                    .sorted(Comparator.comparing(Session::start)).toList()) {
                freeTime(days, window, free, session.start(), offset);
                free = session.end().isAfter(free) ? session.end() : free;
            }
            freeTime(days, window, free, window.end(), offset);
        }
        for (TimeOff off : availability.timeOff()) {
            add(days, new Entry("off", LocalDateTime.ofInstant(off.start(), zone), LocalDateTime.ofInstant(off.end(), zone), null, null));
        }
        List<Day> agenda = new ArrayList<>();
        days.forEach((date, entries) -> {
            entries.sort(Comparator.comparing(Entry::from));
            agenda.add(new Day(date, entries));
        });
        return new Agenda(agenda);
    }

    private static void freeTime(Map<LocalDate, List<Entry>> days, Window window, Instant from, Instant to, long offset) {
        if (Duration.between(from, to).toMinutes() >= SHORTEST_FREE_MINUTES) {
            add(days, new Entry("free", LocalDateTime.ofInstant(from, ZoneOffset.UTC).plusSeconds(offset),
                    LocalDateTime.ofInstant(to, ZoneOffset.UTC).plusSeconds(offset), window.clinicName(), null));
        }
    }

    private static void add(Map<LocalDate, List<Entry>> days, Entry entry) {
        List<Entry> day = days.get(entry.from().toLocalDate());
        if (day != null) {
            day.add(entry);
        }
    }
}
