package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.soleus.platform.test.SoleusSpringBootTest;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** A service whose actuator shares the API's port (no SOLEUS_MANAGEMENT_PORT): its metrics are an admin's. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
@AutoConfigureObservability(tracing = false) // Spring Boot's tests leave metrics export off otherwise
class MetricsOnTheApiPortTest {

    @LocalServerPort
    int port;

    @Test
    void prometheus_on_the_apis_port_needs_an_admins_token() {
        assertThat(status(null)).isEqualTo(401);
        assertThat(status(TestTokens.therapist("therapist-1", "clinic-a"))).isEqualTo(403);
        assertThat(status(TestTokens.admin())).isEqualTo(200);
    }

    private int status(String token) {
        RestClient.RequestHeadersSpec<?> request = RestClient.create("http://localhost:" + port).get()
                .uri("/actuator/prometheus");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, response) -> response.getStatusCode().value());
    }
}
