package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;

/** A session was cancelled by the client or the clinic; {@code late} when inside the clinic's window. */
@Contract(type = "io.soleus.booking.SessionCancelled", version = 1)
public record SessionCancelled(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                               CancelledBy cancelledBy, @Personal String reason, boolean late, Instant cancelledAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("sessionId", sessionId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        Require.present("clinicId", clinicId);
        Require.present("cancelledBy", cancelledBy);
        Require.text("reason", reason, 500);
        Require.present("cancelledAt", cancelledAt);
    }
}
