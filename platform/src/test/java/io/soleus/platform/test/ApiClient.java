package io.soleus.platform.test;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A service's HTTP API as a test drives it: any token (or none), any body, every answer kept. */
public class ApiClient {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final RestClient http;

    public ApiClient(int port) {
        http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    public record Response(int status, JsonNode body, HttpHeaders headers) {

        public String text(String field) {
            return body.path(field).asText();
        }

        /** The field named by the first entry of a validation problem's {@code errors}. */
        public String invalidField() {
            return body.path("errors").path(0).path("field").asText();
        }
    }

    public Response post(String token, String path, Object body, String... headers) {
        return exchange(HttpMethod.POST, token, path, body, headers);
    }

    public Response put(String token, String path, Object body, String... headers) {
        return exchange(HttpMethod.PUT, token, path, body, headers);
    }

    /** Any method; a String body is sent as it is, byte for byte (hostile input), anything else as JSON. */
    public Response send(String method, String token, String path, Object body) {
        return exchange(HttpMethod.valueOf(method), token, path, body);
    }

    public Response get(String token, String path) {
        return exchange(HttpMethod.GET, token, path, null);
    }

    private Response exchange(HttpMethod method, String token, String path, Object body, String... headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.body(body instanceof String text ? text : json(body));
        }
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode node = bytes.length == 0 ? JSON.nullNode() : readOrText(bytes);
            return new Response(response.getStatusCode().value(), node, response.getHeaders());
        });
    }

    /** The body as JSON, or as a text node where it is not JSON (a server's own error page). */
    private static JsonNode readOrText(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response created(Response response) {
        return expect(201, response);
    }

    public static Response expect(int status, Response response) {
        if (response.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + response.status() + ": " + response.body());
        }
        return response;
    }
}
