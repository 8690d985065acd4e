package io.soleus.booking.series;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;

import io.soleus.booking.BookingPolicy;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesRescheduled;
import io.soleus.kernel.booking.SeriesSession;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A course of treatment: one client's sessions with one therapist, booked as one request. Its
 * sessions are ordinary {@code Session}s that name it; it keeps their order, so "this one and all
 * that follow" can be changed together, and tells of each such change once.
 */
@Aggregate
public class Series {

    @AggregateIdentifier
    private SeriesId seriesId;
    private ClientId clientId;
    private ClinicId clinicId;
    private final List<SessionId> sessions = new ArrayList<>();

    protected Series() {
    }

    Series(SeriesBooked booked) {
        apply(booked);
    }

    /** The client and the clinic's staff see a course; others get a 404. */
    void ensureVisibleTo(Actor actor) {
        if (!BookingPolicy.seesSession(actor, clinicId, clientId)) {
            throw new NotFoundException("No course " + seriesId);
        }
    }

    /** Every session of the course, {@code first} among them. */
    List<SessionId> sessionsWith(SessionId first) {
        if (!sessions.contains(first)) {
            throw new InvalidValueException("fromSessionId", "Session " + first + " is not part of course " + seriesId);
        }
        return List.copyOf(sessions);
    }

    void cancelled(SeriesCancelled cancelled) {
        apply(cancelled);
    }

    void rescheduled(SeriesRescheduled rescheduled) {
        apply(rescheduled);
    }

    ClientId clientId() {
        return clientId;
    }

    ClinicId clinicId() {
        return clinicId;
    }

    @EventSourcingHandler
    void on(SeriesBooked event) {
        seriesId = event.seriesId();
        clientId = event.clientId();
        clinicId = event.clinicId();
        event.sessions().stream().map(SeriesSession::sessionId).forEach(sessions::add);
    }
}
