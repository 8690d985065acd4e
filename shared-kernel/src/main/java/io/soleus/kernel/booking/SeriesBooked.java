package io.soleus.kernel.booking;

import java.time.Instant;
import java.util.List;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.TherapistId;

/**
 * A course of treatment was booked as one request: {@code sessions} are the ones booked, each also
 * published as its own {@link SessionBooked} naming this series. The practice confirms the course
 * once, with all its dates, instead of once per session.
 */
@Contract(type = "io.soleus.booking.SeriesBooked", version = 1)
public record SeriesBooked(SeriesId seriesId, ClientId clientId, ClinicId clinicId, TherapistId therapistId,
                           String therapistName, String sessionTypeName, String clinicTimeZone,
                           List<SeriesSession> sessions, Instant bookedAt) implements Checked, AboutClient {

    public SeriesBooked {
        sessions = sessions == null ? null : List.copyOf(sessions);
    }

    @Override
    public void check() {
        Require.present("seriesId", seriesId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("therapistId", therapistId);
        Require.text("therapistName", therapistName, 200);
        Require.text("sessionTypeName", sessionTypeName, 120);
        Require.zone("clinicTimeZone", clinicTimeZone);
        Require.size("sessions", sessions, 1, 52);
        Require.present("bookedAt", bookedAt);
    }
}
