package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.soleus.platform.test.SoleusSpringBootTest;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * A service deployed with the actuator on a port of its own: Prometheus scrapes it there without a
 * token, every other actuator endpoint there still wants one, and the API's port answers probes but
 * serves no metrics.
 */
@SoleusSpringBootTest(classes = BridgeTestApplication.class, properties = "management.server.port=0")
@AutoConfigureObservability(tracing = false) // Spring Boot's tests leave metrics export off otherwise
class MetricsScrapeTest {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    record Answer(int status, String body) {
    }

    @Test
    void prometheus_scrapes_the_management_port_without_a_token() {
        Answer scrape = get(managementPort, "/actuator/prometheus", null);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge").contains("soleus_kafka_publish_lag");
    }

    @Test
    void the_other_actuator_endpoints_still_want_an_admin() {
        assertThat(get(managementPort, "/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(get(managementPort, "/actuator/metrics", TestTokens.client("client-1")).status()).isEqualTo(403);
        assertThat(get(managementPort, "/actuator/metrics", TestTokens.admin()).status()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void the_api_port_answers_probes_and_serves_no_metrics() {
        assertThat(get(port, "/livez", null).status()).isEqualTo(200);
        assertThat(get(port, "/readyz", null).status()).isEqualTo(200);
        assertThat(get(port, "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get(port, "/actuator/prometheus", TestTokens.admin()).status()).as("no such endpoint here")
                .isIn(403, 404);
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
