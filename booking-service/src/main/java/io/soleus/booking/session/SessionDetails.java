package io.soleus.booking.session;

import java.time.Instant;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;

/**
 * A session as its command left it: what a booking or reschedule answers, read from the write side;
 * {@code seriesId} names its course of treatment, if it was booked in one.
 */
public record SessionDetails(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                             RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName, Instant start,
                             Instant end, String clinicTimeZone, Session.Status status, SeriesId seriesId) {
}
