package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.platform.test.SoleusInfrastructureInitializer;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Where Prometheus may scrape. A service deployed with the actuator on a port of its own: scraped
 * there without a token, every other actuator endpoint there still wants an admin, and the API's
 * port answers probes but serves no metrics. A service whose actuator shares the API's port: its
 * metrics are an admin's. Each runs on a database of its own, so its processors take no segment from
 * the other bridge tests' service.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class MetricsScrapeTest {

    static ConfigurableApplicationContext ownPort;
    static ConfigurableApplicationContext sharedPort;

    record Answer(int status, String body) {
    }

    @BeforeAll
    static void start() {
        ownPort = SoleusInfrastructureInitializer.startOnNewDatabase(BridgeTestApplication.class, "metrics_own_port",
                Map.of("management.server.port", 0));
        sharedPort = SoleusInfrastructureInitializer.startOnNewDatabase(BridgeTestApplication.class, "metrics_shared_port");
    }

    @AfterAll
    static void stop() {
        ownPort.close();
        sharedPort.close();
    }

    @Test
    void prometheus_scrapes_the_management_port_without_a_token() {
        Answer scrape = get(managementPort(ownPort), "/actuator/prometheus", null);

        assertThat(managementPort(ownPort)).isNotEqualTo(apiPort(ownPort));
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge").contains("soleus_kafka_publish_lag");
    }

    @Test
    void the_other_actuator_endpoints_on_the_management_port_still_want_an_admin() {
        int port = managementPort(ownPort);
        assertThat(get(port, "/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(get(port, "/actuator/metrics", TestTokens.client("client-1")).status()).isEqualTo(403);
        assertThat(get(port, "/actuator/metrics", TestTokens.admin()).status()).isEqualTo(200);
        assertThat(get(port, "/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void the_api_port_answers_probes_and_serves_no_metrics() {
        int port = apiPort(ownPort);
        assertThat(get(port, "/livez", null).status()).isEqualTo(200);
        assertThat(get(port, "/readyz", null).status()).isEqualTo(200);
        assertThat(get(port, "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get(port, "/actuator/prometheus", TestTokens.admin()).status()).as("no such endpoint here")
                .isIn(403, 404);
    }

    @Test
    void prometheus_on_the_apis_own_port_needs_an_admins_token() {
        int port = apiPort(sharedPort);
        assertThat(get(port, "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get(port, "/actuator/prometheus", TestTokens.therapist("therapist-1", "clinic-a")).status())
                .isEqualTo(403);
        assertThat(get(port, "/actuator/prometheus", TestTokens.admin()).status()).isEqualTo(200);
    }

    private static int apiPort(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    private static int managementPort(ConfigurableApplicationContext service) {
        return service.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    private static Answer get(int port, String path, String token) {
        RestClient.RequestHeadersSpec<?> request = RestClient.create("http://localhost:" + port).get().uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                new String(response.getBody().readAllBytes())));
    }
}
