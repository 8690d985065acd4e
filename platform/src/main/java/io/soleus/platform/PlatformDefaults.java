package io.soleus.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Gives every service the platform's defaults (Jackson everywhere in Axon, no Axon Server, problem
 * details, actuator exposure) at the lowest precedence, so a service's own configuration wins.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static {
        // Axon's update checker calls home and floods the log on machines without internet.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("soleus-platform-defaults",
                            new ClassPathResource("soleus-platform-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
