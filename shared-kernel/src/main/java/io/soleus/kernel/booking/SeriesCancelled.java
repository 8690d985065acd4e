package io.soleus.kernel.booking;

import java.time.Instant;
import java.util.List;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.value.CancelledBy;

/**
 * Sessions of a course were cancelled together (one and all that follow it): each is also published
 * as its own {@link SessionCancelled} naming this series, and the client is told once.
 */
@Contract(type = "io.soleus.booking.SeriesCancelled", version = 1)
public record SeriesCancelled(SeriesId seriesId, ClientId clientId, ClinicId clinicId, List<SeriesSession> sessions,
                              CancelledBy cancelledBy, @Personal String reason, Instant cancelledAt)
        implements Checked, AboutClient {

    public SeriesCancelled {
        sessions = sessions == null ? null : List.copyOf(sessions);
    }

    @Override
    public void check() {
        Require.present("seriesId", seriesId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.size("sessions", sessions, 1, 52);
        Require.present("cancelledBy", cancelledBy);
        Require.text("reason", reason, 500);
        Require.present("cancelledAt", cancelledAt);
    }
}
