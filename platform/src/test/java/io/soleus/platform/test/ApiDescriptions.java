package io.soleus.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service's OpenAPI description as its API test checks it: linted by Redocly CLI with the
 * recommended rules (platform's {@code redocly.yaml}; the CLI is installed by platform's build), and
 * read for what every operation must say.
 */
public final class ApiDescriptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private ApiDescriptions() {
    }

    /** One operation of the description: its method, path and body. */
    public record Operation(String method, String path, JsonNode body) {

        public boolean declaresHeader(String name) {
            for (JsonNode parameter : body.path("parameters")) {
                if ("header".equals(parameter.path("in").asText()) && name.equals(parameter.path("name").asText())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    /**
     * Operations that take no {@code Idempotency-Key} because repeating them makes nothing twice:
     * retrying parked work again only retries what is still parked.
     */
    /**
     * POSTs a retry cannot harm: a retry of a retry, or a new calendar link, which stops the last, so a
     * repeat leaves one working link, the one its answer shows (and the secret is never kept to replay);
     * a course's check changes nothing.
     */
    private static final List<String> REPEATABLE_BY_NATURE = List.of(
            "POST /admin/dead-letters/{processingGroup}/retry", "POST /admin/deliveries/{id}/retry",
            "POST /therapists/{therapistId}/calendar-feed", "POST /clients/{clientId}/calendar-feed",
            "POST /series/check");

    /**
     * Checks what every service's description must say: it passes Redocly's recommended rules with
     * no error; every operation names the bearer scheme and the 401 and 403 problems it may answer
     * (as RFC 9457 bodies); every POST that makes or changes something declares an Idempotency-Key.
     */
    public static void assertComplete(String service, JsonNode description) {
        Lint lint = lint(service, description);
        assertThat(lint.errors()).as("Redocly's errors in %s's description", service).isEmpty();
        assertThat(description.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(description.path("security").path(0).has("bearer")).as("every operation needs the bearer token").isTrue();
        for (Operation operation : operations(description)) {
            for (String status : List.of("401", "403")) {
                assertThat(operation.body().path("responses").path(status).path("content").has("application/problem+json"))
                        .as("%s documents its %s problem", operation, status).isTrue();
            }
            assertThat(operation.body().path("summary").asText()).as("%s has a summary", operation).isNotBlank();
            if (operation.method().equals("post") && !REPEATABLE_BY_NATURE.contains(operation.toString())) {
                assertThat(operation.declaresHeader("Idempotency-Key")).as("%s is safe to retry", operation).isTrue();
            }
        }
    }

    public static List<Operation> operations(JsonNode description) {
        List<Operation> operations = new ArrayList<>();
        description.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().get(method);
            if (operation != null) {
                operations.add(new Operation(method, path.getKey(), operation));
            }
        }));
        return operations;
    }

    /** The problems Redocly's recommended rules find, each as "severity rule: message at pointer". */
    public static Lint lint(String service, JsonNode description) {
        Path platform = platformModule();
        try {
            Path spec = Files.createDirectories(Path.of("target", "openapi")).resolve(service + ".json");
            Files.writeString(spec, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(description));
            Path report = spec.resolveSibling(service + "-lint.json");
            ProcessBuilder redocly = new ProcessBuilder(platform.resolve("node_modules/.bin/redocly").toString(), "lint",
                    "--config", platform.resolve("redocly.yaml").toString(), "--format", "json",
                    spec.toAbsolutePath().toString())
                    .redirectOutput(report.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            redocly.environment().putAll(Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"));
            Process process = redocly.start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("redocly lint ends").isTrue();
            return Lint.read(JSON.readTree(Files.readString(report, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lint the API description: is platform built (npm ci)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Redocly's findings: errors fail the lint, warnings are advice. */
    public record Lint(List<String> errors, List<String> warnings) {

        static Lint read(JsonNode report) {
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (JsonNode problem : report.path("problems")) {
                String line = problem.path("ruleId").asText() + ": " + problem.path("message").asText() + " at "
                        + problem.path("location").path(0).path("pointer").asText();
                ("error".equals(problem.path("severity").asText()) ? errors : warnings).add(line);
            }
            return new Lint(errors, warnings);
        }
    }

    /** The platform module beside the module under test (or above, when run from the root). */
    private static Path platformModule() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path platform = dir.resolve("platform");
            if (Files.isExecutable(platform.resolve("node_modules/.bin/redocly"))) {
                return platform;
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("platform")
                    && Files.isExecutable(dir.resolve("node_modules/.bin/redocly"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Redocly CLI is missing: build platform first (its build runs npm ci)");
    }
}
