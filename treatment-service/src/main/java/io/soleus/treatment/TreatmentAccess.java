package io.soleus.treatment;

import static io.soleus.kernel.Actor.Role.ADMIN;
import static io.soleus.kernel.Actor.Role.CLIENT;
import static io.soleus.kernel.Actor.Role.THERAPIST;
import static io.soleus.platform.security.Who.any;
import static io.soleus.platform.security.Who.self;

import io.soleus.platform.security.Access;
import io.soleus.platform.security.AccessRules;
import org.springframework.stereotype.Component;

/**
 * Who may call each of treatment's endpoints, decided before a request is read. Clinical records are
 * written by staff; a client logs their own exercises and reads their own record. Which cases a caller
 * then sees (a therapist's clinics, a client's own) is decided on the data.
 */
@Component
class TreatmentAccess implements AccessRules {

    @Override
    public void declare(Access access) {
        access.post("/cases", "/cases/*/assessments", "/cases/*/trigger-point-treatments", "/cases/*/myofascial-releases",
                "/cases/*/discharge").by(ADMIN, THERAPIST);
        access.put("/cases/*/plan").by(ADMIN, THERAPIST);
        access.post("/cases/*/progress", "/cases/*/measures").by(ADMIN, THERAPIST, CLIENT);
        access.get("/questionnaires/*").by(ADMIN, THERAPIST, CLIENT);
        access.get("/cases/*", "/clients/*/timeline").by(ADMIN, THERAPIST, CLIENT);

        access.get("/clients/{clientId}/record-access", "/clients/{clientId}/export")
                .by(any(ADMIN).or(self(CLIENT, "clientId")));

        // intake and consent: the client for themself, the clinic's staff at the desk (clinics decided on the data)
        access.get("/clinics/*/intake-form").by(ADMIN, THERAPIST, CLIENT);
        access.get("/clinics/*/screening").by(ADMIN, THERAPIST);
        access.post("/clients/*/intake/*/red-flag-clearance").by(ADMIN, THERAPIST);
        access.get("/clients/{clientId}/intake", "/clients/{clientId}/intake/*")
                .by(any(ADMIN, THERAPIST).or(self(CLIENT, "clientId")));
        access.post("/clients/{clientId}/intake/*", "/clients/{clientId}/intake/*/measures", "/clients/{clientId}/consents/*",
                "/clients/{clientId}/consents/*/withdrawal")
                .by(any(ADMIN, THERAPIST).or(self(CLIENT, "clientId")));

        access.get("/questionnaire-settings").by(ADMIN);
        access.put("/clinics/*/questionnaire-settings").by(ADMIN);

        access.get("/reports/**").by(ADMIN, THERAPIST);

        access.get("/exercises").by(ADMIN, THERAPIST, CLIENT);
        access.post("/exercises").by(ADMIN, THERAPIST);
    }
}
