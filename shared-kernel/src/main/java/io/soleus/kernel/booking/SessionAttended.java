package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;

/** The client came and the session took place. */
@Contract(type = "io.soleus.booking.SessionAttended", version = 1)
public record SessionAttended(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                    Instant attendedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("sessionId", sessionId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        Require.present("clinicId", clinicId);
        Require.present("attendedAt", attendedAt);
    }
}
