package io.soleus.web.services;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One service's API as the pages call it, with the signed-in person's access token on every request.
 * A service that does not answer (or fails) becomes {@link ServiceUnavailable}; a refusal becomes
 * {@link ServiceRefused} with the problem body's detail, rule and fields.
 */
public final class ServiceClient {

    private final String name;
    private final RestClient http;
    private final RestClient untokened;
    private final ObjectMapper json;

    /** {@code http} adds the signed-in person's token itself; {@code untokened} is the same client without that. */
    ServiceClient(String name, RestClient http, RestClient untokened, ObjectMapper json) {
        this.name = name;
        this.http = http;
        this.untokened = untokened;
        this.json = json;
    }

    /**
     * This service with {@code token} on every request, for calls made off the request's thread (several
     * at once for one page), where the signed-in person cannot be looked up.
     */
    public ServiceClient withToken(String token) {
        RestClient bearer = untokened.mutate().defaultHeader("Authorization", "Bearer " + token).build();
        return new ServiceClient(name, bearer, untokened, json);
    }

    public <T> T get(Class<T> type, String path, Object... variables) {
        return call(() -> http.get().uri(path, variables).retrieve().onStatus(HttpStatusCode::isError, this::refuse)
                .body(type));
    }

    public <T> T get(ParameterizedTypeReference<T> type, String path, Object... variables) {
        return call(() -> http.get().uri(path, variables).retrieve().onStatus(HttpStatusCode::isError, this::refuse)
                .body(type));
    }

    /** Sends a change; {@code headers} such as an {@code Idempotency-Key} go with it. */
    public JsonNode send(HttpMethod method, Object body, Map<String, String> headers, String path, Object... variables) {
        return call(() -> {
            RestClient.RequestBodySpec request = http.method(method).uri(path, variables);
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().onStatus(HttpStatusCode::isError, this::refuse).body(JsonNode.class);
        });
    }

    /** A text read with no one's token: what carries its own authority (a calendar feed's secret in the path). */
    public String getText(String path, Object... variables) {
        return call(() -> untokened.get().uri(path, variables).retrieve().onStatus(HttpStatusCode::isError, this::refuse)
                .body(String.class));
    }

    public JsonNode post(Object body, String path, Object... variables) {
        return send(HttpMethod.POST, body, Map.of(), path, variables);
    }

    /** A POST that changes nothing and answers a {@code type} (e.g. a check of what a change would meet). */
    public <T> T post(Class<T> type, Object body, String path, Object... variables) {
        return json.convertValue(post(body, path, variables), type);
    }

    public JsonNode put(Object body, String path, Object... variables) {
        return send(HttpMethod.PUT, body, Map.of(), path, variables);
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ServiceRefused | ServiceUnavailable known) {
            throw known;
        } catch (RestClientException unreachable) { // no connection, a timeout, an unreadable answer
            throw new ServiceUnavailable(name, unreachable);
        }
    }

    private void refuse(org.springframework.http.HttpRequest request, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status >= 500 || status == 401) {
            // a failure inside the service, or a token it would not take: nothing the person can correct
            throw new ServiceUnavailable(name, new IllegalStateException(name + " answered " + status));
        }
        JsonNode problem = readProblem(response);
        List<ServiceRefused.FieldError> errors = new ArrayList<>();
        problem.path("errors").forEach(error -> errors.add(
                new ServiceRefused.FieldError(error.path("field").asText(), error.path("message").asText())));
        String rule = problem.hasNonNull("rule") ? problem.path("rule").asText() : null;
        throw new ServiceRefused(status, problem.path("detail").asText(null), rule, errors);
    }

    private JsonNode readProblem(ClientHttpResponse response) {
        try {
            return json.readTree(response.getBody());
        } catch (IOException unreadable) {
            return json.createObjectNode();
        }
    }
}
