package io.soleus.booking.waitlist;

import java.time.Instant;

import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/**
 * What happened on the waitlist; internal to the booking service, but for the offer itself, the
 * published {@link io.soleus.kernel.booking.SlotOffered} (the client is told of it). An offer is named
 * by the id the session will have when it is taken: the time is held in the therapist's and a room's day schedules
 * under that id, so nobody else can book it, and taking the offer books exactly that reservation.
 */
public final class WaitlistEvents {

    private WaitlistEvents() {
    }

    public record WaitlistJoined(WaitlistEntryId entryId, ClientId clientId, ClinicId clinicId, SessionTypeId sessionTypeId,
                                 TherapistId therapistId, WeeklyHours times, Urgency urgency, Instant joinedAt) {
    }

    public record OfferAccepted(WaitlistEntryId entryId, SessionId offerId, Instant acceptedAt) {
    }

    /** The offer ran out; the time it held is named, to be offered to the next client. */
    public record OfferExpired(WaitlistEntryId entryId, SessionId offerId, ClinicId clinicId, TherapistId therapistId,
                               SessionTypeId sessionTypeId, TimeSlot slot, Instant expiredAt) {
    }

    /** The client left the list; an offer they held goes to the next client. */
    public record WaitlistLeft(WaitlistEntryId entryId, Instant leftAt) {
    }
}
