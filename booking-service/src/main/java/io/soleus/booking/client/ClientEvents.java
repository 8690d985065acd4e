package io.soleus.booking.client;

import java.time.Instant;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.platform.audit.Bookkeeping;

/**
 * A client's sessions as the clinics' online booking rules count them (how many ahead, whether the
 * client is new to a clinic); internal to the booking service, stored with each booking, move and
 * cancellation, so the count is exact under any number of concurrent bookings. The audit trail leaves
 * them out: the booking, move or cancellation beside each is the change.
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    @Bookkeeping
    public record ClientSessionHeld(ClientId clientId, SessionId sessionId, ClinicId clinicId, Instant start) {
    }

    @Bookkeeping
    public record ClientSessionMoved(ClientId clientId, SessionId sessionId, Instant start) {
    }

    @Bookkeeping
    public record ClientSessionReleased(ClientId clientId, SessionId sessionId) {
    }
}
