package io.soleus.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.soleus.platform.test.ApiClient.Response;
import io.soleus.platform.test.ApiDescriptions.Operation;

/**
 * Every endpoint of a service, taken from its OpenAPI description so none can be missed, called by
 * six actors: nobody, client A, client B, a therapist of clinic X, a therapist of clinic Y, and an
 * admin. The path names A's and X's records. The service's test says, per endpoint, who may call it;
 * everyone else is refused (403) or told there is nothing (404), and the bodies B and Y are answered
 * never hold A's data. Forged, expired, unsigned, wrong-issuer and wrong-audience tokens are refused
 * everywhere. The matrix of answers is printed, one row an endpoint.
 */
public final class AccessMatrix {

    /** Who calls: the letter each has in a service's table of who may call what. */
    public enum Actor {
        NOBODY('-'), CLIENT_B('B'), THERAPIST_Y('Y'), CLIENT_A('A'), THERAPIST_X('X'), ADMIN('@');

        private final char letter;

        Actor(char letter) {
            this.letter = letter;
        }
    }

    /**
     * The records the paths name (path variable → id: A's, X's), the query a read needs (by endpoint),
     * each actor's token, a body for each command endpoint, and A's data that B and Y must never be
     * shown: what they did not send themselves (names, contact details, ids of A's other records).
     */
    public record Scope(Map<String, String> pathIds, Map<String, String> queries, Map<Actor, String> tokens,
                        Map<String, Object> bodies, List<String> secretsOfA) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /**
     * In the table, an endpoint whose path carries its own secret (a calendar feed): no token opens it,
     * so every actor, with a token or without, is told there is nothing for a secret never issued.
     */
    public static final String BY_SECRET = "secret in the path";

    private AccessMatrix() {
    }

    /** The usual tokens: clients A and B, therapists of clinics X and Y, an admin. */
    public static Map<Actor, String> tokens(String clientA, String clientB, String therapistX, String clinicX,
                                            String therapistY, String clinicY) {
        Map<Actor, String> tokens = new EnumMap<>(Actor.class);
        tokens.put(Actor.CLIENT_A, TestTokens.client(clientA));
        tokens.put(Actor.CLIENT_B, TestTokens.client(clientB));
        tokens.put(Actor.THERAPIST_X, TestTokens.therapist(therapistX, clinicX));
        tokens.put(Actor.THERAPIST_Y, TestTokens.therapist(therapistY, clinicY));
        tokens.put(Actor.ADMIN, TestTokens.admin());
        return tokens;
    }

    /**
     * Walks every endpoint for every actor. {@code allowed} maps {@code "GET /path"} to the letters of
     * those who may call it ({@code "A X @"}), and {@code "(404 …)"} where there may be nothing to show
     * them, {@link #BY_SECRET} where the path's own secret decides; an endpoint the description has and
     * the table lacks fails.
     */
    public static void check(ApiClient api, com.fasterxml.jackson.databind.JsonNode description,
                             Map<String, String> allowed, Scope scope) {
        List<Operation> operations = new ArrayList<>(ApiDescriptions.operations(description));
        assertThat(allowed.keySet()).as("the table names every endpoint the API describes, and no other")
                .containsExactlyInAnyOrderElementsOf(operations.stream().map(AccessMatrix::key).toList());
        // reads first and removals last, so what one actor changes disturbs the others least
        operations.sort(Comparator.comparingInt(operation -> List.of("get", "put", "post", "delete")
                .indexOf(operation.method())));

        List<String> failures = new ArrayList<>();
        StringBuilder matrix = new StringBuilder("\nendpoint").append(" ".repeat(62));
        for (Actor actor : Actor.values()) {
            matrix.append(String.format("%-4s", actor.letter));
        }
        for (Operation operation : operations) {
            String key = key(operation);
            String path = concrete(operation.path(), scope.pathIds()) + scope.queries().getOrDefault(key, "");
            Object body = scope.bodies().get(key);
            boolean takesBody = operation.body().has("requestBody");
            assertThat(!takesBody || body != null).as("a body for %s", key).isTrue();
            matrix.append('\n').append(String.format("%-70s", key));
            boolean stream = operation.body().path("responses").path("200").path("content").has("text/event-stream");
            for (Actor actor : Actor.values()) {
                boolean mayCall = allowed.get(key).indexOf(actor.letter) >= 0;
                if (stream && mayCall) { // a live stream never ends: its service's own tests follow it
                    matrix.append(String.format("%-4s", "~"));
                    continue;
                }
                Response answer = api.send(operation.method().toUpperCase(), scope.tokens().get(actor), path, body);
                matrix.append(String.format("%-4d", answer.status()));
                boolean mayFindNothing = allowed.get(key).contains("(404");
                String verdict = allowed.get(key).startsWith(BY_SECRET)
                        ? (answer.status() == 404 ? null : "answered " + answer.status() + " to a secret never issued")
                        : verdict(operation, actor, mayCall, mayFindNothing, answer, scope);
                if (verdict != null) {
                    failures.add(key + " as " + actor + ": " + verdict);
                }
            }
        }
        System.out.println(matrix);
        assertThat(failures).as("answers against the table").isEmpty();
    }

    /** Every endpoint refuses forged, expired, unsigned, wrong-issuer and wrong-audience tokens with a 401. */
    public static void checkBadTokens(ApiClient api, com.fasterxml.jackson.databind.JsonNode description,
                                      Map<String, String> pathIds) {
        List<String> roles = List.of("ADMIN");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("forged", TestTokens.admin().replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl"));
        bad.put("expired", TestTokens.mint("admin-1", roles, List.of(), Instant.now().minusSeconds(120)));
        bad.put("another issuer", TestTokens.mint("admin-1", roles, List.of(), "someone-else", List.of(TestTokens.AUDIENCE)));
        bad.put("another audience", TestTokens.mint("admin-1", roles, List.of(), TestTokens.ISSUER, List.of("another-api")));
        bad.put("alg none", unsigned(TestTokens.admin()));
        List<String> failures = new ArrayList<>();
        for (Operation operation : ApiDescriptions.operations(description)) {
            String path = concrete(operation.path(), pathIds);
            bad.forEach((kind, token) -> {
                int status = api.send(operation.method().toUpperCase(), token, path, "{}").status();
                if (status != 401) {
                    failures.add(key(operation) + " with a token " + kind + ": " + status);
                }
            });
        }
        assertThat(failures).isEmpty();
    }

    private static String verdict(Operation operation, Actor actor, boolean mayCall, boolean mayFindNothing,
                                  Response answer, Scope scope) {
        int status = answer.status();
        if (actor == Actor.NOBODY) {
            return status == 401 ? null : "without a token answered " + status;
        }
        if ((actor == Actor.CLIENT_B || actor == Actor.THERAPIST_Y)) {
            String text = answer.body() == null ? "" : answer.body().toString();
            for (String secret : scope.secretsOfA()) {
                if (text.contains(secret)) {
                    return "shown A's " + secret + " in " + status;
                }
            }
        }
        if (mayCall) {
            boolean read = operation.method().equals("get");
            boolean ok = read ? status >= 200 && status < 300 || mayFindNothing && status == 404
                    : status != 401 && status != 403 && status < 500;
            return ok ? null : "may call it, answered " + status + " " + answer.body();
        }
        return status == 403 || status == 404 ? null : "may not call it, answered " + status + " " + answer.body();
    }

    private static String key(Operation operation) {
        return operation.method().toUpperCase() + " " + operation.path();
    }

    private static String concrete(String path, Map<String, String> ids) {
        Matcher variable = VARIABLE.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (variable.find()) {
            String id = ids.get(variable.group(1));
            assertThat(id).as("an id for {%s} in %s", variable.group(1), path).isNotNull();
            variable.appendReplacement(concrete, Matcher.quoteReplacement(id));
        }
        variable.appendTail(concrete);
        return concrete.toString();
    }

    /** The token's claims under {@code "alg":"none"} and without a signature. */
    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
