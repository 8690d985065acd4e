package io.soleus.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Soleus's own OpenID Connect provider: people sign in here (clients may also sign up), and it
 * issues the tokens the services accept, with the account's {@code roles} and {@code clinics}
 * claims and its subject being the client's or therapist's id. In production any OIDC provider may
 * take its place, configured in the web front end and the services by issuer URI alone.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
