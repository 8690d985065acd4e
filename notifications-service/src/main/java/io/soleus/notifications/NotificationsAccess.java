package io.soleus.notifications;

import static io.soleus.kernel.Actor.Role.ADMIN;
import static io.soleus.kernel.Actor.Role.CLIENT;
import static io.soleus.platform.security.Who.any;
import static io.soleus.platform.security.Who.self;
import static io.soleus.platform.security.Who.staffOf;

import io.soleus.platform.security.Access;
import io.soleus.platform.security.AccessRules;
import io.soleus.platform.security.Who;
import org.springframework.stereotype.Component;

/**
 * Who may call each of notifications' endpoints, decided before a request is read: a client's feed and
 * preferences are theirs and admins'; a clinic's settings are read by its staff and set by admins;
 * the delivery log is for admins.
 */
@Component
class NotificationsAccess implements AccessRules {

    @Override
    public void declare(Access access) {
        Who adminOrTheClient = any(ADMIN).or(self(CLIENT, "clientId"));
        access.get("/clients/{clientId}/notifications", "/clients/{clientId}/notifications/stream",
                "/clients/{clientId}/notification-preferences", "/clients/{clientId}/export").by(adminOrTheClient);
        access.put("/clients/{clientId}/notification-preferences").by(adminOrTheClient);

        access.get("/clinics/{clinicId}/notification-settings").by(staffOf("clinicId"));
        access.put("/clinics/*/notification-settings").by(ADMIN);

        access.get("/admin/deliveries", "/admin/deliveries/**").by(ADMIN);
        access.post("/admin/deliveries/*/retry").by(ADMIN);
    }
}
