package io.soleus.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soleus.platform.test.ApiClient.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile requests for a service's command endpoints, made by damaging one field of a valid example
 * body at a time (or the body as a whole), and what must come of them: a 4xx problem body naming
 * the damaged field, never a 5xx, nothing stored. A service's test gives one example per command
 * endpoint of its OpenAPI description, so a new endpoint cannot be left out.
 */
public final class HostileInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Where a body is too large as a whole, whatever its fields: platform's soleus.http.max-body-size. */
    public static final int MAX_BODY = 64 * 1024;

    private HostileInput() {
    }

    /** A command endpoint as {@code "POST /clinics/{clinicId}/rooms"}, with a valid body for it. */
    public record ValidBody(String endpoint, Map<String, Object> body) {

        public String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }

        public String path() {
            return endpoint.substring(endpoint.indexOf(' ') + 1);
        }
    }

    public enum Damage {
        /** Not JSON at all, or cut short. */
        MALFORMED,
        /** JSON, but not an object. */
        NOT_AN_OBJECT,
        /** A required field left out. */
        MISSING,
        /** A field of the wrong JSON type. */
        WRONG_TYPE,
        /** A field the request does not have. */
        EXTRA,
        /** Text longer than any field takes (4,000 characters at most), up to bodies larger than the API accepts. */
        HUGE_TEXT,
        /** Text with NUL, a control character, an unpaired surrogate or a bidirectional override. */
        ODD_UNICODE,
        /** Numbers and dates far outside what makes sense. */
        OUT_OF_RANGE,
        /** SQL and HTML in text: data like any other, stored as sent if the request is otherwise good. */
        INJECTION
    }

    /** One hostile request: the example it came from, what was damaged, and the field a refusal must name. */
    public record Attempt(ValidBody example, Damage damage, String field, String body) {

        /** Everything but a number out of range or text that merely looks like code must be refused outright. */
        public boolean mustBeRefused() {
            return damage != Damage.OUT_OF_RANGE && damage != Damage.INJECTION;
        }

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " chars)" : body;
            return example.endpoint() + " " + damage + " at " + field + ": " + shown;
        }
    }

    /** The command endpoints (POST and PUT with a JSON body) the description lists, as {@code "POST /path"}. */
    public static Set<String> commandEndpoints(JsonNode description) {
        Set<String> endpoints = new java.util.TreeSet<>();
        for (ApiDescriptions.Operation operation : ApiDescriptions.operations(description)) {
            boolean json = operation.body().path("requestBody").path("content").has("application/json");
            if (json && Set.of("post", "put").contains(operation.method())) {
                endpoints.add(operation.method().toUpperCase() + " " + operation.path());
            }
        }
        return endpoints;
    }

    /** The required fields of each command endpoint's body, as JSON paths, from the description's schemas. */
    public static Map<String, Set<String>> requiredFields(JsonNode description) {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        for (ApiDescriptions.Operation operation : ApiDescriptions.operations(description)) {
            JsonNode schema = operation.body().path("requestBody").path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) {
                Set<String> fields = new java.util.TreeSet<>();
                collectRequired(description, schema, "", fields);
                required.put(operation.method().toUpperCase() + " " + operation.path(), fields);
            }
        }
        return required;
    }

    private static void collectRequired(JsonNode description, JsonNode schema, String prefix, Set<String> fields) {
        JsonNode resolved = resolve(description, schema);
        for (JsonNode name : resolved.path("required")) {
            fields.add(prefix + name.asText());
        }
        resolved.path("properties").properties().forEach(property -> {
            JsonNode child = resolve(description, property.getValue());
            if ("object".equals(child.path("type").asText()) || child.has("properties")) {
                collectRequired(description, child, prefix + property.getKey() + ".", fields);
            }
        });
    }

    private static JsonNode resolve(JsonNode description, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return description.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    /** Hostile requests for the examples; {@code required} says which fields may be left out to be refused. */
    public static Arbitrary<Attempt> attempts(List<ValidBody> examples, Map<String, Set<String>> required) {
        return Arbitraries.of(examples).flatMap(example -> Arbitraries.of(Damage.values())
                .flatMap(damage -> damaged(example, damage, required.getOrDefault(example.endpoint(), Set.of()))));
    }

    private static Arbitrary<Attempt> damaged(ValidBody example, Damage damage, Set<String> required) {
        ObjectNode body = JSON.valueToTree(example.body());
        List<Leaf> leaves = leaves(body, "");
        List<Leaf> texts = leaves.stream().filter(leaf -> leaf.value().isTextual()).toList();
        List<Leaf> numbers = leaves.stream().filter(leaf -> leaf.value().isNumber() || isDate(leaf.value())).toList();
        List<Leaf> missing = leaves.stream().filter(leaf -> !leaf.path().endsWith("]"))
                .filter(leaf -> required.contains(leaf.path().replaceAll("\\[\\d+]", ""))).toList();
        return switch (damage) {
            case MALFORMED -> Arbitraries.of(truncated(body), "{", "not json", "{\"a\":}", "\u0000\u0001", "[1,2")
                    .map(text -> new Attempt(example, damage, "body", text));
            case NOT_AN_OBJECT -> Arbitraries.of("[]", "42", "\"text\"", "null", "true")
                    .map(text -> new Attempt(example, damage, "body", text));
            case MISSING -> missing.isEmpty() ? wholeBody(example) : Arbitraries.of(missing)
                    .map(leaf -> attempt(example, damage, leaf, body, null));
            case WRONG_TYPE -> Arbitraries.of(leaves).flatMap(leaf -> Arbitraries.of(wrongTypes(leaf.value()))
                    .map(value -> attempt(example, damage, leaf, body, value)));
            case EXTRA -> Arbitraries.of(objects(body, "")).flatMap(object -> Arbitraries.of("surprise", "isAdmin", "__proto__")
                    .map(name -> {
                        ObjectNode copy = body.deepCopy();
                        ObjectNode target = object.isEmpty() ? copy : (ObjectNode) copy.at(pointer(object));
                        target.put(name, true);
                        return new Attempt(example, damage, object.isEmpty() ? name : object + "." + name, write(copy));
                    }));
            case HUGE_TEXT -> texts.isEmpty() ? wholeBody(example) : Combinators.combine(Arbitraries.of(texts),
                    Arbitraries.integers().between(4_001, 150_000)).as((leaf, length) -> {
                        Attempt attempt = attempt(example, damage, leaf, body, NODES.textNode("x".repeat(length)));
                        return attempt.body().length() > MAX_BODY ? new Attempt(example, damage, "body", attempt.body()) : attempt;
                    });
            case ODD_UNICODE -> texts.isEmpty() ? wholeBody(example) : Combinators.combine(Arbitraries.of(texts),
                    Arbitraries.of("\u0000", "\u0007", "\u001b[31m", "\ud800", "\udfff", "\u202e", "\u2066", "\uffff"))
                    .as((leaf, odd) -> attempt(example, damage, leaf, body,
                            NODES.textNode(leaf.value().asText() + odd + "tail")));
            case OUT_OF_RANGE -> numbers.isEmpty() ? wholeBody(example) : Combinators.combine(Arbitraries.of(numbers),
                    Arbitraries.integers().between(0, 5)).as((leaf, pick) -> attempt(example, damage, leaf, body,
                            outOfRange(leaf.value(), pick)));
            case INJECTION -> texts.isEmpty() ? wholeBody(example) : Combinators.combine(Arbitraries.of(texts),
                    Arbitraries.of("'; DROP TABLE domain_event_entry; --", "\" OR 1=1 --", "<script>alert(1)</script>",
                            "<img src=x onerror=alert(1)>", "${7*7}", "../../etc/passwd"))
                    .as((leaf, code) -> attempt(example, damage, leaf, body, NODES.textNode(code)));
        };
    }

    /** Sends an attempt as an admin would (so access is never why it is refused) and checks the answer. */
    public static void check(Attempt attempt, ApiClient api, String token, Supplier<Long> storedEvents) {
        long before = storedEvents.get();
        Response answer = api.send(attempt.example().method(), token, concretePath(attempt.example().path()), attempt.body());

        if (attempt.damage() == Damage.INJECTION && answer.status() < 300) {
            return; // text that looks like code is text: stored as sent, run nowhere
        }
        assertThat(answer.status()).as("%s answered %s", attempt, answer.body()).isBetween(400, 499);
        assertThat(answer.body().path("status").asInt()).as("a problem body: %s", attempt).isEqualTo(answer.status());
        if (answer.status() == 400 || answer.status() == 413) {
            List<String> fields = new ArrayList<>();
            answer.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
            assertThat(fields).as("%s names a field: %s", attempt, answer.body()).isNotEmpty().doesNotContain("");
            if (attempt.damage() != Damage.MALFORMED) { // broken JSON is named where it breaks
                assertThat(fields).as("%s names the field: %s", attempt, answer.body()).containsAnyOf(named(attempt));
            }
        } else {
            assertThat(attempt.mustBeRefused()).as("%s must be refused as bad input, was %s", attempt, answer.body())
                    .isFalse();
        }
        if (attempt.mustBeRefused() || attempt.damage() == Damage.OUT_OF_RANGE) {
            assertThat(storedEvents.get()).as("%s stored nothing", attempt).isEqualTo(before);
        }
    }

    /**
     * Reads with hostile ids in their paths and hostile query values: odd text, traversal, encoded
     * NUL, huge ids, impossible dates. Each as {@code "/path?query"}; the answer must never be a 5xx.
     */
    public static Arbitrary<String> hostileReads(JsonNode description) {
        List<ApiDescriptions.Operation> reads = ApiDescriptions.operations(description).stream()
                .filter(operation -> operation.method().equals("get"))
                .filter(operation -> !operation.body().path("responses").path("200").path("content").has("text/event-stream"))
                .toList();
        Arbitrary<String> odd = Arbitraries.of("..", "%2e%2e%2f%2e%2e", "%00", "%27%20OR%201%3D1--", "%E2%80%AEtxt",
                "x".repeat(3000), "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%F0%9F%92%A9", "+999999999-12-31",
                "2026-02-30", "-1", "99999999999999999999", java.util.UUID.randomUUID().toString());
        return Combinators.combine(Arbitraries.of(reads), odd, odd).as((operation, inPath, inQuery) -> {
            String path = operation.path().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(inPath));
            List<String> query = new ArrayList<>();
            operation.body().path("parameters").forEach(parameter -> {
                if ("query".equals(parameter.path("in").asText())) {
                    query.add(parameter.path("name").asText() + "=" + inQuery);
                }
            });
            return query.isEmpty() ? path : path + "?" + String.join("&", query);
        });
    }

    /** A hostile read is answered without a 5xx; a refusal of its input is a problem body. */
    public static void checkRead(String pathAndQuery, ApiClient api, String token) {
        Response answer = api.send("GET", token, pathAndQuery, null);
        assertThat(answer.status()).as("GET %s answered %s", pathAndQuery, answer.body()).isLessThan(500);
        if (answer.status() == 400 && answer.body().isObject()) {
            assertThat(answer.body().path("status").asInt()).isEqualTo(400);
        }
    }

    /** What a refusal may name: the damaged field; for an unknown key, also the map or object it was put in. */
    private static String[] named(Attempt attempt) {
        int dot = attempt.field().lastIndexOf('.');
        return attempt.damage() == Damage.EXTRA && dot > 0
                ? new String[] {attempt.field(), attempt.field().substring(0, dot)}
                : new String[] {attempt.field()};
    }

    /** The example's path with every {@code {variable}} given a fresh id. */
    public static String concretePath(String path) {
        return path.replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
    }

    private record Leaf(String path, JsonNode value) {
    }

    private static List<Leaf> leaves(JsonNode node, String path) {
        List<Leaf> leaves = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isContainerNode() && !field.getValue().isEmpty()) {
                    leaves.addAll(leaves(field.getValue(), child));
                }
                leaves.add(new Leaf(child, field.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = path + "[" + i + "]";
                if (node.get(i).isContainerNode()) {
                    leaves.addAll(leaves(node.get(i), child));
                } else {
                    leaves.add(new Leaf(child, node.get(i)));
                }
            }
        }
        return leaves;
    }

    /** The paths of the body's objects, "" for the body itself. */
    private static List<String> objects(JsonNode node, String path) {
        List<String> objects = new ArrayList<>();
        if (node.isObject()) {
            objects.add(path);
        }
        if (node.isContainerNode()) {
            for (Leaf leaf : leaves(node, path)) {
                if (leaf.value().isObject() && !leaf.path().equals(path)) {
                    objects.add(leaf.path());
                }
            }
        }
        return objects.stream().distinct().toList();
    }

    private static Attempt attempt(ValidBody example, Damage damage, Leaf leaf, ObjectNode body, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        String pointer = pointer(leaf.path());
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        }
        return new Attempt(example, damage, leaf.path(), write(copy));
    }

    private static String pointer(String path) {
        return path.isEmpty() ? "" : "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    private static Arbitrary<Attempt> wholeBody(ValidBody example) {
        return Arbitraries.just(new Attempt(example, Damage.MALFORMED, "body", "{"));
    }

    /** JSON with every character beyond ASCII escaped, so an unpaired surrogate reaches the service as sent. */
    private static String write(JsonNode body) {
        try {
            return JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncated(ObjectNode body) {
        String text = write(body);
        return text.substring(0, Math.max(1, text.length() / 2));
    }

    private static List<JsonNode> wrongTypes(JsonNode value) {
        ObjectNode object = NODES.objectNode().put("nested", 1);
        ArrayNode array = NODES.arrayNode().add(1);
        if (value.isTextual()) {
            return List.of(NODES.numberNode(12), NODES.booleanNode(true), object, array);
        }
        if (value.isNumber()) {
            return List.of(NODES.textNode("twelve"), NODES.booleanNode(false), object, array);
        }
        if (value.isBoolean()) {
            return List.of(NODES.textNode("maybe"), NODES.numberNode(1), object);
        }
        if (value.isArray()) {
            return List.of(NODES.textNode("one"), NODES.numberNode(1), object);
        }
        return List.of(NODES.textNode("an object"), NODES.numberNode(1), array);
    }

    private static boolean isDate(JsonNode value) {
        return value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2}(T.*)?");
    }

    private static JsonNode outOfRange(JsonNode value, int pick) {
        if (value.isNumber()) {
            return List.<JsonNode>of(NODES.numberNode(-1), NODES.numberNode(Integer.MAX_VALUE + 1L),
                    NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1e308), NODES.numberNode(-1e308),
                    NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"))).get(pick);
        }
        boolean instant = value.asText().contains("T");
        return NODES.textNode(List.of(
                instant ? "+999999999-12-31T23:59:59Z" : "+999999999-12-31",
                instant ? "-999999999-01-01T00:00:00Z" : "-999999999-01-01",
                instant ? "0000-01-01T00:00:00Z" : "0000-01-01",
                instant ? "9999-12-31T23:59:59Z" : "9999-12-31",
                instant ? "2026-13-45T25:61:61Z" : "2026-02-30",
                instant ? "1970-01-01T00:00:00Z" : "1970-01-01").get(pick));
    }
}
