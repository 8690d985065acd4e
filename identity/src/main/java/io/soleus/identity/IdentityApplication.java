package io.soleus.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

    /**
     * Its settings are in {@code identity.yml}, not {@code application.yml}: a test JVM that runs the
     * provider beside the web front end has both modules' files on one classpath.
     */
    public static final String CONFIGURATION = "spring.config.name=identity";

    public static void main(String[] args) {
        new SpringApplicationBuilder(IdentityApplication.class).properties(CONFIGURATION).run(args);
    }
}
