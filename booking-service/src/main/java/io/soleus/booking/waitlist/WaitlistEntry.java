package io.soleus.booking.waitlist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.waitlist.WaitlistEvents.OfferAccepted;
import io.soleus.booking.waitlist.WaitlistEvents.OfferExpired;
import io.soleus.booking.waitlist.WaitlistEvents.WaitlistJoined;
import io.soleus.booking.waitlist.WaitlistEvents.WaitlistLeft;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.SlotOffered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One client's place on a clinic's waitlist: waiting, holding an offer of a freed slot, booked from
 * an offer, or gone. It holds at most one offer at a time, and an offer is taken once: a second
 * acceptance (a double click, two devices, two service instances) finds it taken and is answered
 * with the same session. The times held for an offer live in the day schedules ({@link Waitlists}).
 */
@Aggregate
public class WaitlistEntry {

    public enum Status { WAITING, OFFERED, BOOKED, LEFT }

    /** The offer the client holds: the session it becomes, where and when, and until when it is held. */
    record Offer(SessionId offerId, TherapistId therapistId, RoomId roomId, TimeSlot slot, Instant expiresAt) {
    }

    @AggregateIdentifier
    private WaitlistEntryId entryId;
    private ClientId clientId;
    private ClinicId clinicId;
    private SessionTypeId sessionTypeId;
    private Status status;
    private Offer offer;

    protected WaitlistEntry() {
    }

    WaitlistEntry(WaitlistJoined joined) {
        apply(joined);
    }

    /** Who may see the entry, take its offer or take it off the list: the client and the clinic's staff; others get a 404. */
    void ensureVisibleTo(Actor actor) {
        if (!BookingPolicy.seesSession(actor, clinicId, clientId)) {
            throw new NotFoundException("No waitlist entry " + entryId);
        }
    }

    boolean waiting() {
        return status == Status.WAITING;
    }

    boolean holdsAnOffer() {
        return status == Status.OFFERED;
    }

    /** What an offer tells the client besides its time: with whom, of what, in which time zone. */
    record Told(String therapistName, String sessionTypeName, String clinicTimeZone) {
    }

    void offer(SessionId offerId, TherapistId therapist, RoomId room, TimeSlot slot, Instant busyUntil, Instant expiresAt,
               Told told, Instant now) {
        if (status != Status.WAITING) {
            throw new RuleViolationException("not-waiting", "Only a client still waiting is offered a slot");
        }
        apply(new SlotOffered(offerId, entryId.value(), clientId, clinicId, therapist, told.therapistName(), room,
                sessionTypeId, told.sessionTypeName(), slot, busyUntil, told.clinicTimeZone(), expiresAt, now));
    }

    /**
     * Takes the offer {@code offerId} at {@code now}; true when this acceptance books it, false when an
     * earlier one already did (the same session is the answer). An offer that ran out is refused.
     */
    boolean accept(SessionId offerId, Instant now) {
        if (status == Status.BOOKED && offer != null && offer.offerId().equals(offerId)) {
            return false;
        }
        if (status != Status.OFFERED || !offer.offerId().equals(offerId) || !now.isBefore(offer.expiresAt())) {
            throw new RuleViolationException("offer-expired", "This offer is no longer held for you");
        }
        apply(new OfferAccepted(entryId, offerId, now));
        return true;
    }

    /** Ends an offer whose time has come; nothing when it was taken or ended already. */
    boolean expire(SessionId offerId, Instant now) {
        if (status != Status.OFFERED || !offer.offerId().equals(offerId) || now.isBefore(offer.expiresAt())) {
            return false;
        }
        apply(new OfferExpired(entryId, offerId, clinicId, offer.therapistId(), sessionTypeId, offer.slot(), now));
        return true;
    }

    /** Takes the client off the list; an offer they held is given up (its hold is released by the caller). */
    void leave(Instant now) {
        if (status == Status.BOOKED || status == Status.LEFT) {
            throw new RuleViolationException("waitlist-" + status.name().toLowerCase(),
                    "This waitlist entry is " + (status == Status.BOOKED ? "booked" : "no longer on the list"));
        }
        apply(new WaitlistLeft(entryId, now));
    }

    Offer offer() {
        return offer;
    }

    ClientId clientId() {
        return clientId;
    }

    ClinicId clinicId() {
        return clinicId;
    }

    SessionTypeId sessionTypeId() {
        return sessionTypeId;
    }

    @EventSourcingHandler
    void on(WaitlistJoined event) {
        entryId = event.entryId();
        clientId = event.clientId();
        clinicId = event.clinicId();
        sessionTypeId = event.sessionTypeId();
        status = Status.WAITING;
    }

    @EventSourcingHandler
    void on(SlotOffered event) {
        status = Status.OFFERED;
        offer = new Offer(event.offerId(), event.therapistId(), event.roomId(), event.slot(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(OfferAccepted event) {
        status = Status.BOOKED;
    }

    @EventSourcingHandler
    void on(OfferExpired event) {
        status = Status.WAITING;
    }

    @EventSourcingHandler
    void on(WaitlistLeft event) {
        status = Status.LEFT;
    }
}
