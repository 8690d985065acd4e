package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Omittable;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/**
 * A booked session moved to another slot (and possibly room).
 * <p>
 * Version 2 names the course ({@code seriesId}) when the session moved together with the rest of
 * it, which a {@link SeriesRescheduled} tells of once; only an omittable field, so readers of
 * version 1 read it too.
 */
@Contract(type = "io.soleus.booking.SessionRescheduled", version = 2, readableAs = 1)
public record SessionRescheduled(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                                 RoomId roomId, TimeSlot previousSlot, TimeSlot slot, Instant rescheduledAt,
                                 @Omittable SeriesId seriesId) implements Checked, AboutClient {

    /** A session moved on its own. */
    public SessionRescheduled(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                              RoomId roomId, TimeSlot previousSlot, TimeSlot slot, Instant rescheduledAt) {
        this(sessionId, clientId, therapistId, clinicId, roomId, previousSlot, slot, rescheduledAt, null);
    }

    @Override
    public void check() {
        Require.present("sessionId", sessionId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        Require.present("clinicId", clinicId);
        Require.present("roomId", roomId);
        Require.present("previousSlot", previousSlot);
        Require.present("slot", slot);
        Require.present("rescheduledAt", rescheduledAt);
    }
}
