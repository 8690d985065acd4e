package io.soleus.web.test;

import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import io.soleus.identity.test.IdentityServer;
import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.web.WebApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The web front end started in the test's JVM beside a real identity provider, each with a fresh
 * database of the shared test PostgreSQL. The services are wherever {@code services} points; a port
 * with nothing behind it plays a service that is down.
 */
public final class WebServer implements AutoCloseable {

    private final int port = freePort();
    private final IdentityServer identity;
    private final ConfigurableApplicationContext context;

    public WebServer(String booking, String treatment, String notifications) {
        identity = IdentityServer.start(url() + "/login/oauth2/code/soleus", url() + "/?signed-out");
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("web");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        // the provider by its issuer alone, as any OpenID Connect provider would be configured
        properties.put("spring.security.oauth2.client.provider.soleus.issuer-uri", identity.issuer());
        properties.put("spring.security.oauth2.client.registration.soleus.client-secret", identity.webClientSecret());
        properties.put("soleus.web.services.booking", booking);
        properties.put("soleus.web.services.treatment", treatment);
        properties.put("soleus.web.services.notifications", notifications);
        properties.put("soleus.web.request-timeout", "2s");
        context = new SpringApplicationBuilder(WebApplication.class)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("web-test", properties)))
                .run();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public IdentityServer identity() {
        return identity;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
        identity.close();
    }

    /** A port nothing listens on: a service that is down. */
    public static String nothingListening() {
        return "http://localhost:" + freePort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
