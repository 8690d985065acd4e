package io.soleus.booking.sessiontype;

import java.time.Duration;
import java.util.Set;

import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;

/** What happened to a session type; internal to the booking service. */
public final class SessionTypeEvents {

    private SessionTypeEvents() {
    }

    public record SessionTypeDefined(SessionTypeId sessionTypeId, String name, Duration duration, Duration bufferAfter,
                                     Set<TherapistId> therapists) {
    }

    public record SessionTypeTherapistsChanged(SessionTypeId sessionTypeId, Set<TherapistId> therapists) {
    }
}
