package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Omittable;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;

/**
 * A session was cancelled by the client or the clinic; {@code late} when inside the clinic's window.
 * <p>
 * Version 2 names the course ({@code seriesId}) when the session was cancelled together with the
 * rest of it, which a {@link SeriesCancelled} tells of once; only an omittable field, so readers of
 * version 1 read it too.
 */
@Contract(type = "io.soleus.booking.SessionCancelled", version = 2, readableAs = 1)
public record SessionCancelled(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                               CancelledBy cancelledBy, @Personal String reason, boolean late, Instant cancelledAt,
                               @Omittable SeriesId seriesId) implements Checked, AboutClient {

    /** A session cancelled on its own. */
    public SessionCancelled(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                            CancelledBy cancelledBy, String reason, boolean late, Instant cancelledAt) {
        this(sessionId, clientId, therapistId, clinicId, cancelledBy, reason, late, cancelledAt, null);
    }

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
