package io.soleus.booking.waitlist;

import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/** What clients and staff ask of the waitlist, and what the platform asks when time frees up or an offer runs out. */
public final class WaitlistCommands {

    private WaitlistCommands() {
    }

    /** {@code therapistId} null for anyone who offers the session type; {@code times} the hours the client can make, in the clinic's time. */
    public record JoinWaitlist(WaitlistEntryId entryId, ClientId clientId, ClinicId clinicId, SessionTypeId sessionTypeId,
                               TherapistId therapistId, WeeklyHours times, Urgency urgency, Actor by) {
    }

    public record LeaveWaitlist(WaitlistEntryId entryId, Actor by) {
    }

    /** A session's time was freed ({@code freed} the time it had, for a reschedule; null for a cancellation): offer it. */
    public record OfferFreedTime(SessionId session, TimeSlot freed) {
    }

    /**
     * New time of {@code therapist}'s (time off withdrawn, extra hours added) at {@code clinic}, or at each
     * of their clinics when null: offer each waiting client in order the first start in it they can take.
     */
    public record OfferNewTime(TherapistId therapist, ClinicId clinic, TimeSlot window) {
    }

    /** An offer nobody took in time ran out: its hold goes and the time is offered to the next. */
    public record ExpireOffer(WaitlistEntryId entryId, SessionId offerId) {
    }

    /** The client takes the offer: it is booked as the session {@code offerId}, in the time held for them. */
    public record AcceptOffer(SessionId offerId, Actor by) {
    }
}
