package io.soleus.notifications.preference;

import io.soleus.kernel.id.ClientId;
import io.soleus.platform.security.CurrentUser;
import io.soleus.platform.security.CurrentUser.Role;
import io.soleus.platform.web.NotFoundException;

/** Whose messages a caller may see: a client their own, an admin anyone's; anyone else is told there is nothing. */
public final class Clients {

    private Clients() {
    }

    public static void requireSelfOrAdmin(ClientId client) {
        CurrentUser user = CurrentUser.get();
        if (!user.is(Role.ADMIN) && !(user.is(Role.CLIENT) && user.subject().equals(client.toString()))) {
            throw new NotFoundException("client " + client);
        }
    }
}
