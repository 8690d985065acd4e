package io.soleus.deploy.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local identity provider as the launcher uses it: tokens for any subject from its development
 * endpoint (for the demo data and the system tests, which act as admin, therapists and clients
 * through the public APIs), and sign-in accounts made through its admin API.
 */
public final class DevIdentity {

    private static final Duration VALID = Duration.ofHours(12);

    private final int port;
    private final String basic;
    private final PlatformHttp http = new PlatformHttp();
    private final Map<List<Object>, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    DevIdentity(int port, String devSecret) {
        this.port = port;
        this.basic = "Basic " + Base64.getEncoder().encodeToString(("soleus-dev:" + devSecret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A bearer token of {@code person} (an admin's subject, or the client's or therapist's id), signed by
     * the provider like every other; reused while it has hours left. A client's or therapist's token has
     * a subject of its own and names them in its {@code clientId} or {@code therapistId} claim, as a
     * sign-in's token does.
     */
    public String token(String person, List<String> roles, List<String> clinics) {
        List<Object> key = List.of(person, roles, clinics);
        Token cached = tokens.get(key);
        if (cached != null && cached.expires().isAfter(Instant.now().plus(Duration.ofHours(1)))) {
            return cached.value();
        }
        Map<String, Object> request = new LinkedHashMap<>(links(person, roles));
        request.put("subject", request.isEmpty() ? person : "dev-sign-in-of-" + person);
        request.put("roles", roles);
        request.put("clinics", clinics);
        request.put("validFor", VALID.toString());
        PlatformHttp.Answer answer = http.send(port, null, "POST", "/dev/tokens", request, Map.of("Authorization", basic));
        if (!answer.ok()) {
            throw new IllegalStateException("the identity provider gave no token: " + answer.status() + " " + answer.body());
        }
        Token token = new Token(answer.body().path("access_token").asText(), Instant.now().plus(VALID));
        tokens.put(key, token);
        return token.value();
    }

    /**
     * Makes a sign-in for {@code person}: a client's or therapist's is linked to their id and gets a
     * subject of the provider's making; an admin's subject is {@code person}.
     */
    public void account(String person, String email, String name, String password, String role, List<String> clinics) {
        Map<String, Object> body = new LinkedHashMap<>(links(person, List.of(role)));
        if (body.isEmpty()) {
            body.put("subject", person);
        }
        body.put("email", email);
        body.put("name", name);
        body.put("password", password);
        body.put("roles", List.of(role));
        body.put("clinics", clinics);
        PlatformHttp.Answer answer = http.send(port, token("launcher", List.of("ADMIN"), List.of()), "POST", "/accounts", body);
        if (!answer.ok()) {
            throw new IllegalStateException("the identity provider made no account for " + email + ": " + answer.status()
                    + " " + answer.body());
        }
    }

    private static Map<String, Object> links(String person, List<String> roles) {
        Map<String, Object> links = new LinkedHashMap<>();
        if (roles.contains("CLIENT")) {
            links.put("clientId", person);
        }
        if (roles.contains("THERAPIST")) {
            links.put("therapistId", person);
        }
        return links;
    }
}
