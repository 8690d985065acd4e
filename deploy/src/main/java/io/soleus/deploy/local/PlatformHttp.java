package io.soleus.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over HTTP to a service of the running platform, with a bearer token; for the demo data and the system tests. */
public final class PlatformHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    /** A service's answer: its status and its body (JSON null when empty). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends {@code body} as JSON ({@code null}: no body, a GET). */
    public Answer send(int port, String token, String method, String path, Object body) {
        return send(port, token, method, path, body, Map.of());
    }

    /** Sends {@code body} as JSON with extra headers, e.g. an {@code Idempotency-Key}; a null token sends none. */
    public Answer send(int port, String token, String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
        return exchange(request, method + " " + path);
    }

    /** A GET of any URL without a token, e.g. the SMTP catcher's inbox. */
    public Answer get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)), "GET " + url);
    }

    private Answer exchange(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), read(response.body()));
        } catch (IOException e) {
            throw new Unreachable(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) throws JsonProcessingException {
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    /** The part did not answer: not started yet, restarting, or killed. Worth asking again. */
    public static final class Unreachable extends IllegalStateException {

        Unreachable(String message, IOException cause) {
            super(message, cause);
        }
    }
}
