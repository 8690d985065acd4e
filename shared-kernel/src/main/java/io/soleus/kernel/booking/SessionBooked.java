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
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/**
 * A session was booked: one client, one therapist, one clinic and room, one slot.
 * <p>
 * Version 2 names the therapist, so a confirmation can say who the client will see without its
 * reader keeping a copy of the therapists; sessions booked before it have no name. It only adds an
 * omittable field, so readers of version 1 read it too.
 * <p>
 * Version 3 names the course of treatment ({@link SeriesBooked}) a session was booked in, if any,
 * so the practice can confirm the course once; again only an omittable field.
 */
@Contract(type = "io.soleus.booking.SessionBooked", version = 3, readableAs = 1)
public record SessionBooked(SessionId sessionId, ClientId clientId, TherapistId therapistId,
                            @Omittable String therapistName, ClinicId clinicId,
                            RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName, TimeSlot slot,
                            String clinicTimeZone, Instant bookedAt, @Omittable SeriesId seriesId)
        implements Checked, AboutClient {

    /** A session booked on its own, in no series. */
    public SessionBooked(SessionId sessionId, ClientId clientId, TherapistId therapistId, String therapistName,
                         ClinicId clinicId, RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName,
                         TimeSlot slot, String clinicTimeZone, Instant bookedAt) {
        this(sessionId, clientId, therapistId, therapistName, clinicId, roomId, sessionTypeId, sessionTypeName, slot,
                clinicTimeZone, bookedAt, null);
    }

    @Override
    public void check() {
        Require.present("sessionId", sessionId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        Require.text("therapistName", therapistName, 200);
        Require.present("clinicId", clinicId);
        Require.present("roomId", roomId);
        Require.present("sessionTypeId", sessionTypeId);
        Require.text("sessionTypeName", sessionTypeName, 120);
        Require.present("slot", slot);
        Require.zone("clinicTimeZone", clinicTimeZone);
        Require.present("bookedAt", bookedAt);
    }
}
