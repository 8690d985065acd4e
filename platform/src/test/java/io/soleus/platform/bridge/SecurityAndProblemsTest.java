package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.platform.test.SoleusSpringBootTest;
import io.soleus.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The baseline every service inherits: tokens required and scoped, and problem bodies naming the fault. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class SecurityAndProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    record Answer(int status, String contentType, JsonNode body) {
    }

    @Test
    void a_request_without_a_token_gets_401_with_a_problem_body() {
        Answer answer = call("GET", "/probe/me", null, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.body().path("status").asInt()).isEqualTo(401);
    }

    @Test
    void an_expired_or_foreign_token_is_refused() {
        String expired = TestTokens.mint("admin-1", List.of("ADMIN"), List.of(), Instant.now().minusSeconds(120));
        String tampered = TestTokens.admin().replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl");

        assertThat(call("GET", "/probe/me", expired, null).status()).isEqualTo(401);
        assertThat(call("GET", "/probe/me", tampered, null).status()).isEqualTo(401);
    }

    @Test
    void a_token_for_another_audience_or_from_another_issuer_is_refused() {
        List<String> admin = List.of("ADMIN");
        String forAnotherApi = TestTokens.mint("admin-1", admin, List.of(), TestTokens.ISSUER, List.of("another-api"));
        String forNoApi = TestTokens.mint("admin-1", admin, List.of(), TestTokens.ISSUER, List.of());
        String fromAnotherIssuer = TestTokens.mint("admin-1", admin, List.of(), "someone-else", List.of(TestTokens.AUDIENCE));
        String alsoForUs = TestTokens.mint("admin-1", admin, List.of(), TestTokens.ISSUER,
                List.of("soleus-web", TestTokens.AUDIENCE));

        assertThat(call("GET", "/probe/me", forAnotherApi, null).status()).isEqualTo(401);
        assertThat(call("GET", "/probe/me", forNoApi, null).status()).isEqualTo(401);
        assertThat(call("GET", "/probe/me", fromAnotherIssuer, null).status()).isEqualTo(401);
        assertThat(call("GET", "/probe/me", alsoForUs, null).status()).as("one of its audiences is ours").isEqualTo(200);
    }

    @Test
    void roles_clinics_and_the_person_a_login_is_linked_to_come_from_the_token() {
        Answer answer = call("GET", "/probe/me", TestTokens.therapist("therapist-7", "clinic-a", "clinic-b"), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("subject").asText()).isEqualTo("sign-in-of-therapist-7");
        assertThat(answer.body().path("therapistId").asText()).isEqualTo("therapist-7");
        assertThat(answer.body().path("clientId").isNull()).isTrue();
        assertThat(answer.body().path("roles")).extracting(JsonNode::asText).containsExactly("THERAPIST");
        assertThat(answer.body().path("clinics")).extracting(JsonNode::asText).containsExactlyInAnyOrder("clinic-a", "clinic-b");

        Answer client = call("GET", "/probe/me", TestTokens.client("client-3"), null);
        assertThat(client.body().path("subject").asText()).isEqualTo("sign-in-of-client-3");
        assertThat(client.body().path("clientId").asText()).isEqualTo("client-3");
        assertThat(client.body().path("therapistId").isNull()).isTrue();
    }

    @Test
    void the_development_clock_is_not_there_unless_switched_on() {
        assertThat(call("GET", "/dev/clock", TestTokens.admin(), null).status()).isEqualTo(404);
    }

    @Test
    void a_body_larger_than_the_limit_is_a_413_whether_its_length_is_declared_or_sent_in_chunks() throws Exception {
        String huge = "{\"note\": \"" + "x".repeat(70_000) + "\", \"pain\": 3}";
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/probe/pain"))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json");

        HttpResponse<String> declared = http.send(request.POST(HttpRequest.BodyPublishers.ofString(huge)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(request.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).path("errors").path(0).path("field").asText()).isEqualTo("body");
    }

    @Test
    void a_caller_who_may_not_call_an_endpoint_gets_403_before_the_body_is_read() {
        Answer malformed = call("POST", "/probe/pain", TestTokens.mint("no-role", List.of(), List.of()), "{ not json");

        assertThat(malformed.status()).isEqualTo(403);
        assertThat(malformed.body().has("errors")).as("nothing about the body's schema").isFalse();
    }

    @Test
    void an_endpoint_no_access_rule_names_is_closed_to_everyone() {
        assertThat(call("GET", "/probe/unlisted", TestTokens.admin(), null).status()).isEqualTo(403);
        assertThat(call("GET", "/probe/unlisted", null, null).status()).isEqualTo(401);
    }

    @Test
    void a_role_outside_the_endpoints_scope_gets_403() {
        assertThat(call("GET", "/probe/admin", TestTokens.client("client-1"), null).status()).isEqualTo(403);
        assertThat(call("GET", "/probe/admin", TestTokens.admin(), null).status()).isEqualTo(200);
    }

    @Test
    void a_missing_field_is_named_in_the_problem_body() {
        Answer answer = call("POST", "/probe/pain", TestTokens.admin(), Map.of("pain", 4));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("note");
    }

    @Test
    void a_value_object_refusing_its_value_is_named_in_the_problem_body() {
        Answer answer = call("POST", "/probe/pain", TestTokens.admin(), Map.of("note", "after the long run", "pain", 11));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("pain");
        assertThat(answer.body().path("detail").asText()).contains("pain");
    }

    @Test
    void unreadable_json_is_a_400_not_a_500() {
        Answer answer = call("POST", "/probe/pain", TestTokens.admin(), "{\"note\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").isArray()).isTrue();
    }

    @Test
    void a_rule_violation_is_a_409_naming_the_rule() {
        Answer answer = call("POST", "/probe/taken", TestTokens.admin(), Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("rule").asText()).isEqualTo("slot-taken");
    }

    @Test
    void health_is_open_to_probes_but_shows_details_only_to_admins() {
        Answer anonymous = call("GET", "/actuator/health", null, null);
        Answer admin = call("GET", "/actuator/health", TestTokens.admin(), null);

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).isFalse();
        assertThat(admin.body().path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(admin.body().path("components").path("eventProcessors").path("status").asText()).isEqualTo("UP");
        assertThat(call("GET", "/actuator/metrics/soleus.kafka.publish.lag", TestTokens.admin(), null).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/readyz", null, null).status()).isEqualTo(200);
    }

    private Answer call(String method, String path, String token, Object body) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port)
                .method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode json = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
            String contentType = response.getHeaders().getContentType() == null ? "" : response.getHeaders().getContentType().toString();
            return new Answer(response.getStatusCode().value(), contentType, json);
        });
    }
}
