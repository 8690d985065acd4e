package io.soleus.booking;

import static io.soleus.kernel.Actor.Role.ADMIN;
import static io.soleus.kernel.Actor.Role.CLIENT;
import static io.soleus.kernel.Actor.Role.THERAPIST;
import static io.soleus.platform.security.Who.any;
import static io.soleus.platform.security.Who.self;

import io.soleus.platform.security.Access;
import io.soleus.platform.security.AccessRules;
import org.springframework.stereotype.Component;

/**
 * Who may call each of booking's endpoints, decided before a request is read. Which clinics,
 * therapists and clients a caller then sees is decided on the data: a therapist works at the clinics
 * of their token, a client sees themself.
 */
@Component
class BookingAccess implements AccessRules {

    @Override
    public void declare(Access access) {
        // the practice's set-up: admins
        access.post("/clinics", "/clinics/*/rooms", "/clinics/*/rooms/*/close", "/clinics/*/close").by(ADMIN);
        access.put("/clinics/*/opening-hours", "/clinics/*/booking-rules").by(ADMIN);
        access.post("/therapists", "/therapists/*/clinics").by(ADMIN);
        access.delete("/therapists/*/clinics/*").by(ADMIN);
        access.post("/session-types").by(ADMIN);
        access.put("/session-types/*/therapists").by(ADMIN);
        access.get("/reports/utilisation").by(ADMIN);

        // a therapist's hours: admins, or the therapist themself
        access.put("/therapists/{therapistId}/availability/*").by(any(ADMIN).or(self(THERAPIST, "therapistId")));
        access.post("/therapists/{therapistId}/exceptions").by(any(ADMIN).or(self(THERAPIST, "therapistId")));
        access.delete("/therapists/{therapistId}/exceptions/*").by(any(ADMIN).or(self(THERAPIST, "therapistId")));

        // the clinic's day: staff
        access.get("/clinics/*/day-sheet", "/therapists/*/calendar", "/therapists/*/availability").by(ADMIN, THERAPIST);
        access.post("/sessions/*/attended", "/sessions/*/missed").by(ADMIN, THERAPIST);

        // booking itself: everyone signed in, each within their scope
        access.get("/clinics", "/clinics/*/free-slots", "/therapists", "/session-types").by(ADMIN, THERAPIST, CLIENT);
        access.post("/sessions", "/sessions/*/reschedule", "/sessions/*/cancel").by(ADMIN, THERAPIST, CLIENT);
        access.get("/sessions/*").by(ADMIN, THERAPIST, CLIENT);
        access.post("/clients").by(ADMIN, THERAPIST, CLIENT);
        access.get("/clients/*", "/clients/*/sessions").by(ADMIN, THERAPIST, CLIENT);
        access.put("/clients/{clientId}/contact", "/clients/{clientId}/reminders-consent").by(any(ADMIN).or(self(CLIENT, "clientId")));
        access.post("/clients/{clientId}/forget").by(any(ADMIN).or(self(CLIENT, "clientId")));
        access.get("/clients/{clientId}/export").by(any(ADMIN).or(self(CLIENT, "clientId")));

        // courses of treatment: clients for themselves, staff for their clinics' clients (checked on the course)
        access.post("/series", "/series/check", "/series/*/reschedule", "/series/*/cancel").by(ADMIN, THERAPIST, CLIENT);
        access.get("/series/*").by(ADMIN, THERAPIST, CLIENT);
        // the waitlist: clients for themselves, staff for their clinics' clients; a clinic's list for its staff
        access.post("/waitlist", "/waitlist/*/leave", "/waitlist/offers/*/accept").by(ADMIN, THERAPIST, CLIENT);
        access.get("/waitlist/offers/*").by(ADMIN, THERAPIST, CLIENT);
        access.get("/clinics/*/waitlist").by(ADMIN, THERAPIST);
        access.get("/clients/{clientId}/waitlist").by(any(ADMIN, THERAPIST).or(self(CLIENT, "clientId")));

        // calendar subscription links: made, seen and stopped by their owner or an admin; the feed itself
        // is fetched by a calendar app with the link's secret alone
        access.post("/therapists/{therapistId}/calendar-feed").by(any(ADMIN).or(self(THERAPIST, "therapistId")));
        access.get("/therapists/{therapistId}/calendar-feed").by(any(ADMIN).or(self(THERAPIST, "therapistId")));
        access.delete("/therapists/{therapistId}/calendar-feed").by(any(ADMIN).or(self(THERAPIST, "therapistId")));
        access.post("/clients/{clientId}/calendar-feed").by(any(ADMIN).or(self(CLIENT, "clientId")));
        access.get("/clients/{clientId}/calendar-feed").by(any(ADMIN).or(self(CLIENT, "clientId")));
        access.delete("/clients/{clientId}/calendar-feed").by(any(ADMIN).or(self(CLIENT, "clientId")));
        access.get("/calendar-feeds/*").byHolderOfTheSecretInThePath();
    }
}
