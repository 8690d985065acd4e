package io.soleus.platform.bridge;

import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.PersonalData;
import io.soleus.platform.security.AccessRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * A minimal service for the bridge tests: it stores booking contract events, publishes them to the
 * booking topic and feeds them back from Kafka into a projection, like treatment and notifications will.
 */
@SpringBootApplication
@PropertySource("classpath:bridge-test.properties")
public class BridgeTestApplication {

    /** The probes' access: every role may probe, the admin probe is for admins. */
    @Bean
    AccessRules probeAccess() {
        return access -> {
            access.get("/probe/admin").by(Role.ADMIN);
            access.get("/probe/me").by(Role.ADMIN, Role.THERAPIST, Role.CLIENT);
            access.post("/probe/pain", "/probe/taken").by(Role.ADMIN, Role.THERAPIST, Role.CLIENT);
        };
    }

    /**
     * The platform's contracts and the version of the test's own note this instance was built with,
     * sealing personal values where crypto-shredding is on, as the platform's own codec does.
     */
    @Bean
    EventCodec eventCodec(@Value("${soleus.test.notes-version:1}") int notesVersion,
                          ObjectProvider<PersonalData> personalData) {
        EventCodec codec = SessionNotes.codec(notesVersion);
        PersonalData personal = personalData.getIfAvailable();
        return personal == null ? codec : codec.sealing(personal);
    }
}
