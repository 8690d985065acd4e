package io.soleus.platform.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the shared test infrastructure and the test token issuer's key. The
 * values are the same for the whole JVM, so Spring's test-context cache keeps hitting.
 */
public class SoleusInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Contexts running on the infrastructure, closed before it stops so none outlives its broker. */
    private static final List<ConfigurableApplicationContext> CONTEXTS = new CopyOnWriteArrayList<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        CONTEXTS.add(context);
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("soleus-test-infrastructure", properties(SoleusInfrastructure.get().database())));
    }

    /**
     * An initializer for a service started by hand ({@code SpringApplicationBuilder}) that puts
     * {@code properties} above every configuration file, as a test's own settings should be.
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> overriding(Map<String, Object> properties) {
        return context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("soleus-test-overrides", properties));
    }

    static void closeContexts() {
        CONTEXTS.forEach(ConfigurableApplicationContext::close);
        CONTEXTS.clear();
    }

    /** Starts a service's application on a database of its own and a free port, for a test that starts it itself. */
    public static ConfigurableApplicationContext startOnNewDatabase(Class<?> application, String purpose) {
        return startOnNewDatabase(application, purpose, Map.of());
    }

    /** As above, with settings of the test's own on top. */
    public static ConfigurableApplicationContext startOnNewDatabase(Class<?> application, String purpose,
                                                                    Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(properties(SoleusInfrastructure.get().newDatabase(purpose)));
        all.put("server.port", 0);
        all.putAll(settings);
        return new SpringApplicationBuilder(application).initializers(overriding(all)).run();
    }

    /** The properties of a service running against {@code database} and the shared broker. */
    public static Map<String, Object> properties(SoleusInfrastructure.Database database) {
        return Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "soleus.kafka.bootstrap-servers", SoleusInfrastructure.get().kafkaBootstrapServers(),
                "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                "soleus.security.jwt.issuer", TestTokens.ISSUER,
                "soleus.crypto.key-encryption-key", KEY_ENCRYPTION_KEY);
    }

    /** The test run's key-encryption key: one for every service it starts (they share keys on the broker), made anew per run. */
    public static final String KEY_ENCRYPTION_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
}
