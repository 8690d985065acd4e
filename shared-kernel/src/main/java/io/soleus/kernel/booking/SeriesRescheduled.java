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

/**
 * Sessions of a course moved together (one and all that follow it, by the same shift in the clinic's
 * wall-clock time): {@code previous} and {@code sessions} name the same sessions in the same order,
 * before and after. Each is also published as its own {@link SessionRescheduled} naming this series,
 * and the client is told once.
 */
@Contract(type = "io.soleus.booking.SeriesRescheduled", version = 1)
public record SeriesRescheduled(SeriesId seriesId, ClientId clientId, ClinicId clinicId, List<SeriesSession> previous,
                                List<SeriesSession> sessions, Instant rescheduledAt) implements Checked, AboutClient {

    public SeriesRescheduled {
        previous = previous == null ? null : List.copyOf(previous);
        sessions = sessions == null ? null : List.copyOf(sessions);
    }

    @Override
    public void check() {
        Require.present("seriesId", seriesId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.size("previous", previous, 1, 52);
        Require.size("sessions", sessions, previous.size(), previous.size());
        Require.present("rescheduledAt", rescheduledAt);
    }
}
