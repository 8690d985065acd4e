package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClientId;

/**
 * A client's personal data was forgotten, at their own or an admin's request: every service deletes
 * the client's keys, so each of their personal values reads as erased wherever it was written, and
 * sends them nothing more. Their sessions, cases and figures remain, without the person.
 */
@Contract(type = "io.soleus.booking.ClientForgotten", version = 1)
public record ClientForgotten(ClientId clientId, Instant forgottenAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("forgottenAt", forgottenAt);
    }
}
