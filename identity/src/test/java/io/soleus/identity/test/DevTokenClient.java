package io.soleus.identity.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Asks a provider's development token endpoint for a token, as the local platform's demo data does. */
public final class DevTokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DevTokenClient() {
    }

    public static String token(IdentityServer identity, String subject, List<String> roles, List<String> clinics) {
        return token(identity, Map.of("subject", subject, "roles", roles, "clinics", clinics));
    }

    /** A client's token: a sign-in of its own subject linked to the client. */
    public static String clientToken(IdentityServer identity, String subject, String clientId) {
        return token(identity, Map.of("subject", subject, "roles", List.of("CLIENT"), "clientId", clientId));
    }

    private static String token(IdentityServer identity, Map<String, Object> request) {
        HttpResponse<String> response = request(identity.issuer(), identity.devSecret(), request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no development token: " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> request(String issuer, String secret, Object body) {
        try {
            String basic = Base64.getEncoder().encodeToString(("soleus-dev:" + secret).getBytes(StandardCharsets.UTF_8));
            return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/dev/tokens"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
