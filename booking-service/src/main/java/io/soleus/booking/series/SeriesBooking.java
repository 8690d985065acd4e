package io.soleus.booking.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.clinic.Clinic;
import io.soleus.booking.scheduling.FreeSlotSearch;
import io.soleus.booking.scheduling.FreeSlotSearch.FindFreeSlots;
import io.soleus.booking.scheduling.FreeSlotSearch.FreeSlot;
import io.soleus.booking.series.SeriesAnswer.Conflict;
import io.soleus.booking.series.SeriesCommands.BookSeries;
import io.soleus.booking.series.SeriesCommands.CancelSeries;
import io.soleus.booking.series.SeriesCommands.RescheduleSeries;
import io.soleus.booking.session.Session;
import io.soleus.booking.session.SessionBooking;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionCommands.CancelSession;
import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.booking.session.SessionDetails;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesRescheduled;
import io.soleus.kernel.booking.SeriesSession;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.platform.axon.Aggregates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Books, moves and cancels courses of treatment. Each date of a course is booked exactly as a
 * single session is ({@link SessionBooking}: the same rules, the same day schedules), all in one
 * unit of work: a date that is refused is checked before anything changes, so the others go on,
 * and an all-or-nothing course that meets a refusal throws, which stores nothing at all. Moving or
 * cancelling "this one and all that follow" is all or nothing too.
 */
@Component
class SeriesBooking {

    /** How far either side of a refused date the nearest free start is looked for. */
    static final int ALTERNATIVE_DAYS = 3;

    /** The refusals another time nearby may not meet; for the others (a limit, the horizon) none is looked for. */
    private static final Set<String> ABOUT_THE_TIME = Set.of("therapist-double-booked", "room-taken",
            "client-double-booked", "therapist-unavailable", "outside-opening-hours", "minimum-notice",
            "no-same-day-online");

    private final Repository<Series> series;
    private final Repository<Session> sessions;
    private final Repository<Clinic> clinics;
    private final SessionBooking booking;
    private final FreeSlotSearch freeSlots;
    private final Clock clock;
    private final Duration horizon;

    SeriesBooking(@Qualifier("seriesRepository") Repository<Series> series,
                  @Qualifier("sessionRepository") Repository<Session> sessions,
                  @Qualifier("clinicRepository") Repository<Clinic> clinics,
                  SessionBooking booking, FreeSlotSearch freeSlots, Clock clock,
                  @Value("${soleus.booking.horizon:P180D}") Duration horizon) {
        this.series = series;
        this.sessions = sessions;
        this.clinics = clinics;
        this.booking = booking;
        this.freeSlots = freeSlots;
        this.clock = clock;
        this.horizon = horizon;
    }

    @CommandHandler
    SeriesAnswer handle(BookSeries command) throws Exception {
        Require.present("seriesId", command.seriesId());
        Require.present("clinicId", command.clinicId());
        ZoneId zone = Aggregates.load(clinics, command.clinicId(), "clinic").invoke(Clinic::timeZone);
        List<Instant> starts = starts(command, zone);

        List<Instant> free = new ArrayList<>();
        List<SessionBooking.Checked> checked = new ArrayList<>();
        List<SessionDetails> booked = new ArrayList<>();
        List<Instant> refused = new ArrayList<>();
        List<RuleViolationException> reasons = new ArrayList<>();
        for (Instant start : starts) {
            BookSession one = new BookSession(SessionId.random(), command.clientId(), command.therapistId(),
                    command.clinicId(), command.sessionTypeId(), start, command.by());
            SessionBooking.Checked bookable;
            try {
                bookable = booking.check(one, null, false);
            } catch (RuleViolationException e) {
                refused.add(start);
                reasons.add(e);
                continue;
            }
            free.add(start);
            checked.add(bookable);
            // made even for a check, so each later date meets the earlier ones (the client's limit, their day)
            booked.add(booking.make(bookable, command.seriesId()));
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < refused.size(); i++) {
            String rule = reasons.get(i).rule();
            Instant alternative = ABOUT_THE_TIME.contains(rule) ? nearestFree(command, zone, refused.get(i), free) : null;
            conflicts.add(new Conflict(refused.get(i), rule, reasons.get(i).getMessage(), alternative));
        }
        if (command.dryRun()) {
            throw new OnlyChecked(new SeriesAnswer(null, true, free, List.of(), conflicts)); // undoes every booking above
        }
        if (free.size() < 2 || command.allOrNothing() && !conflicts.isEmpty()) {
            throw new RuleViolationException("series-conflicts", free.size() < 2
                    ? "Fewer than two of the course's dates can be booked; book a single session instead"
                    : conflicts.size() + " of the course's " + starts.size() + " dates cannot be booked, so none was",
                    Map.<String, Object>of("conflicts", conflicts));
        }
        SessionBooking.Checked first = checked.get(0);
        SeriesBooked event = new SeriesBooked(command.seriesId(), command.clientId(), command.clinicId(),
                command.therapistId(), first.therapistName(), first.sessionTypeName(), zone.getId(), named(booked),
                clock.instant());
        series.newInstance(() -> new Series(event));
        return new SeriesAnswer(command.seriesId(), false, free, booked, conflicts);
    }

    /**
     * The answer of a course's check, thrown so that the unit of work rolls back the bookings the check
     * made to see how the dates meet each other: nothing of a check is ever stored.
     */
    static final class OnlyChecked extends RuntimeException {

        private final transient SeriesAnswer answer;

        OnlyChecked(SeriesAnswer answer) {
            super("A course was only checked", null, false, false);
            this.answer = answer;
        }

        SeriesAnswer answer() {
            return answer;
        }
    }

    @CommandHandler
    SeriesChange handle(CancelSeries command) {
        Aggregate<Series> course = visible(command.seriesId(), command.by());
        Instant now = clock.instant();
        List<SessionDetails> ahead = thisAndFollowing(course, command.from(), now);
        List<SessionDetails> cancelled = ahead.stream()
                .map(session -> booking.cancel(new CancelSession(session.sessionId(), command.reason(), command.by()),
                        command.seriesId()))
                .toList();
        CancelledBy by = BookingPolicy.actsAsClient(command.by()) ? CancelledBy.CLIENT : CancelledBy.CLINIC;
        course.execute(it -> it.cancelled(new SeriesCancelled(command.seriesId(), it.clientId(), it.clinicId(),
                named(ahead), by, command.reason(), now)));
        return new SeriesChange(command.seriesId(), cancelled);
    }

    /**
     * Moves the sessions by the shift from the first one's wall-clock time to {@code start}, in an order
     * where none lands on a time another still holds: the latest first when moving later.
     */
    @CommandHandler
    SeriesChange handle(RescheduleSeries command) {
        Require.present("start", command.start());
        Aggregate<Series> course = visible(command.seriesId(), command.by());
        Instant now = clock.instant();
        List<SessionDetails> ahead = thisAndFollowing(course, command.from(), now);
        SessionDetails first = ahead.get(0);
        ZoneId zone = ZoneId.of(first.clinicTimeZone());
        LocalDateTime from = LocalDateTime.ofInstant(first.start(), zone);
        LocalDateTime to = LocalDateTime.ofInstant(command.start(), zone);
        long days = ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
        Duration time = Duration.between(from.toLocalTime(), to.toLocalTime());
        if (days == 0 && time.isZero()) {
            throw new InvalidValueException("start", "The session starts then already");
        }

        List<SessionDetails> inTurn = new ArrayList<>(ahead);
        if (command.start().isAfter(first.start())) {
            inTurn.sort(Comparator.comparing(SessionDetails::start).reversed());
        }
        List<SessionDetails> moved = new ArrayList<>();
        for (SessionDetails session : inTurn) {
            Instant target = LocalDateTime.ofInstant(session.start(), zone).plusDays(days).plus(time).atZone(zone).toInstant();
            try {
                moved.add(booking.reschedule(new RescheduleSession(session.sessionId(), target, command.by()), command.seriesId()));
            } catch (RuleViolationException e) {
                throw new RuleViolationException("series-conflicts",
                        "The course cannot move: the session of " + session.start() + " cannot move to " + target
                                + " (" + e.getMessage() + "), so none moved",
                        Map.<String, Object>of("conflicts", List.of(new Conflict(target, e.rule(), e.getMessage(), null))));
            }
        }
        moved.sort(Comparator.comparing(SessionDetails::start));
        course.execute(it -> it.rescheduled(new SeriesRescheduled(command.seriesId(), it.clientId(), it.clinicId(),
                named(ahead), named(moved), now)));
        return new SeriesChange(command.seriesId(), moved);
    }

    private static List<SeriesSession> named(List<SessionDetails> sessions) {
        return sessions.stream().map(session -> new SeriesSession(session.sessionId(), session.start())).toList();
    }

    private List<Instant> starts(BookSeries command, ZoneId zone) {
        if (command.starts() != null && !command.starts().isEmpty()) {
            Require.size("starts", command.starts(), 2, Repeat.LONGEST_COURSE);
            return List.copyOf(new TreeSet<>(command.starts()));
        }
        Require.present("start", command.start());
        Require.present("repeat", command.repeat());
        if (command.start().isAfter(clock.instant().plus(horizon))) {
            throw new RuleViolationException("beyond-booking-horizon",
                    "Sessions can be booked at most " + horizon.toDays() + " days ahead");
        }
        return command.repeat().starts(command.start(), zone);
    }

    /**
     * The free start with the same therapist nearest to a refused one, within a few days either side
     * and not on a day the course already has; from the read model, so a suggestion, which booking
     * checks again.
     */
    private Instant nearestFree(BookSeries command, ZoneId zone, Instant refused, List<Instant> taken) {
        LocalDate day = LocalDate.ofInstant(refused, zone);
        List<LocalDate> takenDays = taken.stream().map(start -> LocalDate.ofInstant(start, zone)).toList();
        List<FreeSlot> slots = freeSlots.find(new FindFreeSlots(command.clinicId(), day.minusDays(ALTERNATIVE_DAYS),
                day.plusDays(ALTERNATIVE_DAYS), command.sessionTypeId(), command.therapistId(),
                BookingPolicy.actsAsClient(command.by()))).slots();
        return slots.stream()
                .map(FreeSlot::start)
                .filter(start -> !start.equals(refused) && !takenDays.contains(LocalDate.ofInstant(start, zone)))
                .min(Comparator.comparing((Instant start) -> Duration.between(refused, start).abs()))
                .orElse(null);
    }

    private Aggregate<Series> visible(SeriesId id, Actor by) {
        Require.present("seriesId", id);
        Aggregate<Series> course = Aggregates.load(series, id, "course");
        course.execute(it -> it.ensureVisibleTo(by));
        return course;
    }

    /** The sessions of the course from {@code from} on (by their current times) that are booked and still to come. */
    private List<SessionDetails> thisAndFollowing(Aggregate<Series> course, SessionId from, Instant now) {
        Require.present("fromSessionId", from);
        List<SessionDetails> all = course.invoke(it -> it.sessionsWith(from)).stream()
                .map(id -> Aggregates.load(sessions, id, "session").invoke(Session::details))
                .toList();
        SessionDetails first = all.stream().filter(session -> session.sessionId().equals(from)).findFirst().orElseThrow();
        if (first.status() != Session.Status.BOOKED || !first.start().isAfter(now)) {
            throw new RuleViolationException("session-" + (first.status() == Session.Status.BOOKED ? "started"
                    : first.status().name().toLowerCase()), "Session " + from + " is no longer ahead to change");
        }
        return all.stream()
                .filter(session -> session.status() == Session.Status.BOOKED && !session.start().isBefore(first.start()))
                .sorted(Comparator.comparing(SessionDetails::start))
                .toList();
    }
}
