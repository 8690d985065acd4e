package io.soleus.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.soleus.kernel.codec.UtcInstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * What every service must do from its first day: start on the platform, migrate its own database,
 * report health UP with Kafka and its processors, and refuse requests without a token. A service's
 * test extends this and is annotated {@link SoleusSpringBootTest}.
 */
public abstract class ServiceBaselineTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    @SuppressWarnings("unchecked")
    void the_service_starts_migrates_its_database_and_reports_health_up() {
        Map<String, Object> health = (Map<String, Object>) RestClient.create("http://localhost:" + port).get()
                .uri("/actuator/health")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .retrieve().body(Map.class);

        assertThat(health.get("status")).isEqualTo("UP");
        assertThat((Map<String, Object>) health.get("components")).containsKeys("db", "kafka", "eventProcessors");
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class))
                .contains("domain_event_entry", "token_entry", "dead_letter_entry", "flyway_platform_history");
    }

    @Test
    void every_other_endpoint_wants_a_token() {
        int status = RestClient.create("http://localhost:" + port).get().uri("/actuator/metrics")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(401);
    }

    @Test
    void stored_events_and_request_bodies_read_instants_with_the_platforms_reader() throws Exception {
        DefaultDeserializationContext reading = ((DefaultDeserializationContext) json.getDeserializationContext())
                .createInstance(json.getDeserializationConfig(), null, json.getInjectableValues());

        assertThat(reading.findRootValueDeserializer(json.constructType(Instant.class)).getClass().getEnclosingClass())
                .isEqualTo(UtcInstants.class);
    }
}
