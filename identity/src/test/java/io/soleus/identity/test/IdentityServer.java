package io.soleus.identity.test;

import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.identity.IdentityApplication;
import io.soleus.platform.test.SoleusInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The real identity provider, started in the test's JVM on a port of its own with a fresh database
 * of the shared test PostgreSQL: for the web front end's tests and this module's. Its development
 * token endpoint is on, with a secret made for this run.
 */
public final class IdentityServer implements AutoCloseable {

    public static final String WEB_CLIENT = "soleus-web";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final String webClientSecret = UUID.randomUUID().toString();
    private final String devSecret = UUID.randomUUID().toString();

    private IdentityServer(List<String> redirectUris, List<String> postLogoutUris, boolean devTokens) {
        this.port = freePort();
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("identity");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.security.oauth2.authorizationserver.issuer", issuer());
        properties.put("soleus.identity.web-client.secret", webClientSecret);
        properties.put("soleus.identity.web-client.redirect-uris", String.join(",", redirectUris));
        properties.put("soleus.identity.web-client.post-logout-redirect-uris", String.join(",", postLogoutUris));
        properties.put("soleus.identity.dev-tokens.enabled", devTokens);
        properties.put("soleus.identity.dev-tokens.secret", devSecret);
        properties.put("server.servlet.session.cookie.secure", false);
        // beside the web front end, Spring Session is on the classpath too: the provider keeps its sessions as it always does
        properties.put("spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration");
        this.context = new SpringApplicationBuilder(IdentityApplication.class).properties(IdentityApplication.CONFIGURATION)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("identity-test", properties)))
                .run();
    }

    /** Starts a provider that sends signed-in people back to {@code redirectUri}. */
    public static IdentityServer start(String redirectUri, String postLogoutUri) {
        return new IdentityServer(List.of(redirectUri), List.of(postLogoutUri), true);
    }

    /** A provider as in production: no development token endpoint. */
    public static IdentityServer withoutDevTokens(String redirectUri, String postLogoutUri) {
        return new IdentityServer(List.of(redirectUri), List.of(postLogoutUri), false);
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String webClientSecret() {
        return webClientSecret;
    }

    public String devSecret() {
        return devSecret;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
