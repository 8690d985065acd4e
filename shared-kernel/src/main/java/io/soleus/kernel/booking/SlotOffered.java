package io.soleus.kernel.booking;

import java.time.Instant;
import java.util.UUID;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/**
 * A freed slot was offered to a client on a clinic's waitlist and is held for them until
 * {@code expiresAt}: taking it books the session {@code offerId}. The practice tells the client, with
 * a link to take it. {@code busyUntil} is the end of the time held, the session type's buffer included.
 */
@Contract(type = "io.soleus.booking.SlotOffered", version = 1)
public record SlotOffered(SessionId offerId, UUID entryId, ClientId clientId, ClinicId clinicId, TherapistId therapistId,
                          String therapistName, RoomId roomId, SessionTypeId sessionTypeId, String sessionTypeName,
                          TimeSlot slot, Instant busyUntil, String clinicTimeZone, Instant expiresAt, Instant offeredAt)
        implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("offerId", offerId);
        Require.present("entryId", entryId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("therapistId", therapistId);
        Require.text("therapistName", therapistName, 200);
        Require.present("roomId", roomId);
        Require.present("sessionTypeId", sessionTypeId);
        Require.text("sessionTypeName", sessionTypeName, 120);
        Require.present("slot", slot);
        Require.present("busyUntil", busyUntil);
        Require.zone("clinicTimeZone", clinicTimeZone);
        Require.present("expiresAt", expiresAt);
        Require.present("offeredAt", offeredAt);
    }
}
