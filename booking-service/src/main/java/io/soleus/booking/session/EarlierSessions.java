package io.soleus.booking.session;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;

/**
 * Whether a client had a session at a clinic that was not cancelled, booked before the client
 * aggregate held its sessions: the rule on new clients asks here too, so a long-standing client is
 * not taken for a new one. Read from the scheduling read model; a booking made moments ago is in
 * the client aggregate already.
 */
@FunctionalInterface
public interface EarlierSessions {

    boolean anyAt(ClientId client, ClinicId clinic);
}
