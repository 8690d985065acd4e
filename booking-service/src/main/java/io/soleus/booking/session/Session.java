package io.soleus.booking.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.session.SessionCommands.MarkAttended;
import io.soleus.booking.session.SessionCommands.MarkMissed;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One client's session with one therapist in one room: booked, perhaps rescheduled, then attended,
 * missed or cancelled. Its time is held in the day schedules by {@link SessionBooking}; this
 * aggregate keeps the lifecycle rules and who may see it.
 */
@Aggregate
public class Session {

    public enum Status { BOOKED, ATTENDED, MISSED, CANCELLED }

    @AggregateIdentifier
    private SessionId sessionId;
    private ClientId clientId;
    private TherapistId therapistId;
    private ClinicId clinicId;
    private RoomId roomId;
    private SessionTypeId sessionTypeId;
    private String sessionTypeName;
    private String clinicTimeZone;
    private TimeSlot slot;
    private Status status;
    private SeriesId seriesId;

    protected Session() {
    }

    Session(SessionBooked booked) {
        apply(booked);
    }

    /** Who may see this session: admins, therapists of its clinic, and its client; others get a 404. */
    void ensureVisibleTo(Actor user) {
        if (!BookingPolicy.seesSession(user, clinicId, clientId)) {
            throw new NotFoundException("No session " + sessionId);
        }
    }

    /** Moves the session, with its {@code series} when not null (the series tells the client). */
    void reschedule(TimeSlot newSlot, RoomId room, Instant now, SeriesId series) {
        requireBookedAndAhead(now, "rescheduled");
        apply(new SessionRescheduled(sessionId, clientId, therapistId, clinicId, room, slot, newSlot, now, series));
    }

    /** Cancels the session, with its {@code series} when not null (the series tells the client). */
    void cancel(CancelledBy by, String reason, Duration lateWindow, Instant now, SeriesId series) {
        requireBookedAndAhead(now, "cancelled");
        boolean late = now.isAfter(slot.start().minus(lateWindow));
        apply(new SessionCancelled(sessionId, clientId, therapistId, clinicId, by, reason, late, now, series));
    }

    @CommandHandler
    void handle(MarkAttended command, Clock clock) {
        ensureVisibleTo(command.by());
        requireBookedAndStarted(clock.instant(), "attended");
        apply(new SessionAttended(sessionId, clientId, therapistId, clinicId, clock.instant()));
    }

    @CommandHandler
    void handle(MarkMissed command, Clock clock) {
        ensureVisibleTo(command.by());
        requireBookedAndStarted(clock.instant(), "missed");
        apply(new SessionMissed(sessionId, clientId, therapistId, clinicId, clock.instant()));
    }

    void requireBookedAndAhead(Instant now, String what) {
        requireBooked(what);
        if (!now.isBefore(slot.start())) {
            throw new RuleViolationException("session-started", "A session that has started cannot be " + what);
        }
    }

    private void requireBookedAndStarted(Instant now, String what) {
        requireBooked(what);
        if (now.isBefore(slot.start())) {
            throw new RuleViolationException("session-not-started", "A session cannot be marked " + what + " before it starts");
        }
    }

    private void requireBooked(String what) {
        if (status != Status.BOOKED) {
            throw new RuleViolationException("session-" + status.name().toLowerCase(),
                    "A session that was " + status.name().toLowerCase() + " cannot be " + what);
        }
    }

    public SessionDetails details() {
        return new SessionDetails(sessionId, clientId, therapistId, clinicId, roomId, sessionTypeId, sessionTypeName,
                slot.start(), slot.end(), clinicTimeZone, status, seriesId);
    }

    TimeSlot slot() {
        return slot;
    }

    ClientId clientId() {
        return clientId;
    }

    TherapistId therapistId() {
        return therapistId;
    }

    ClinicId clinicId() {
        return clinicId;
    }

    RoomId roomId() {
        return roomId;
    }

    SessionTypeId sessionTypeId() {
        return sessionTypeId;
    }

    @EventSourcingHandler
    void on(SessionBooked event) {
        sessionId = event.sessionId();
        clientId = event.clientId();
        therapistId = event.therapistId();
        clinicId = event.clinicId();
        roomId = event.roomId();
        sessionTypeId = event.sessionTypeId();
        sessionTypeName = event.sessionTypeName();
        clinicTimeZone = event.clinicTimeZone();
        slot = event.slot();
        status = Status.BOOKED;
        seriesId = event.seriesId();
    }

    @EventSourcingHandler
    void on(SessionRescheduled event) {
        slot = event.slot();
        roomId = event.roomId();
    }

    @EventSourcingHandler
    void on(SessionCancelled event) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(SessionAttended event) {
        status = Status.ATTENDED;
    }

    @EventSourcingHandler
    void on(SessionMissed event) {
        status = Status.MISSED;
    }
}
