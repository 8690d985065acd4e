package io.soleus.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * The whole platform on one machine, each part its own process: a Kafka broker (KRaft, from the
 * Maven artifacts), the three services, an SMTP catcher (GreenMail, its inbox readable over HTTP),
 * and a development token issuer inside this launcher. The databases are created on the PostgreSQL
 * named by {@code SOLEUS_DB_URL}, else the one on localhost:5432. Every run starts fresh (new
 * databases and topics) unless given {@code --keep}. Logs go to {@code logs/}; Ctrl-C stops
 * everything. Started by {@code deploy/run-local.sh}.
 */
public final class LocalPlatform {

    private static final int KAFKA_PORT = 9092;
    private static final int SMTP_PORT = 3025;
    private static final int INBOX_PORT = 8025;
    private static final int ISSUER_PORT = 9000;
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("booking-service", 8081);
        SERVICES.put("treatment-service", 8082);
        SERVICES.put("notifications-service", 8083);
    }

    private final Path root = Path.of("").toAbsolutePath();
    private final Path logs = root.resolve("logs");
    private final Path data = root.resolve("target/local");
    private final List<Process> processes = new ArrayList<>();
    private final boolean fresh;
    private final boolean demo;
    private HttpServer issuer;
    private RSAKey key;

    private LocalPlatform(boolean fresh, boolean demo) {
        this.fresh = fresh;
        this.demo = demo;
    }

    public static void main(String[] args) throws Exception {
        boolean keep = List.of(args).contains("--keep");
        LocalPlatform platform = new LocalPlatform(!keep, !keep && !List.of(args).contains("--no-demo"));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-local-platform"));
        try {
            platform.start();
        } catch (RuntimeException | IOException e) {
            System.err.println("\nThe platform could not start: " + e.getMessage());
            System.err.println("The logs of each part are in " + platform.logs);
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void start() throws IOException {
        Files.createDirectories(logs);
        if (fresh) {
            deleteTree(data);
        }
        Files.createDirectories(data);
        String database = databases();
        kafka();
        smtpCatcher();
        tokenIssuer();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            service(service.getKey(), service.getValue(), database);
        }
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            step("Waiting for " + service.getKey() + " to be ready");
            waitFor(Duration.ofMinutes(3), () -> ready(service.getValue()));
            done();
        }
        DemoData.Written written = null;
        if (demo) {
            step("Writing demo data through the APIs (12 weeks of history; a minute or two)");
            Instant until = Instant.now().plus(Duration.ofHours(12));
            written = new DemoData((subject, roles, clinics) -> token(subject, roles, clinics, until)).write();
            done();
        }
        welcome(written);
    }

    // ---- the parts

    /** Creates (afresh, unless kept) one database per service and returns the server's JDBC URL base. */
    private String databases() {
        String configured = System.getenv("SOLEUS_DB_URL");
        String server = configured != null ? configured.substring(0, configured.lastIndexOf('/') + 1)
                : "jdbc:postgresql://localhost:5432/";
        String user = System.getenv().getOrDefault("SOLEUS_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("SOLEUS_DB_PASSWORD", "");
        step("Preparing the databases on " + server);
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, password)) {
            for (String service : SERVICES.keySet()) {
                String name = "soleus_local_" + service.replace("-service", "");
                if (fresh) {
                    connection.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
                boolean exists = connection.createStatement()
                        .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next();
                if (!exists) {
                    connection.createStatement().execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL at " + server + " (" + e.getMessage() + "). Start one on "
                    + "localhost:5432 (user postgres) or set SOLEUS_DB_URL, SOLEUS_DB_USER and SOLEUS_DB_PASSWORD. "
                    + "An embedded PostgreSQL is not started by this launcher.");
        }
        done();
        return server;
    }

    /** A single-node KRaft broker in its own JVM, from the kafka_2.13 artifact on this launcher's classpath. */
    private void kafka() throws IOException {
        step("Starting Kafka on localhost:" + KAFKA_PORT);
        requireFree(KAFKA_PORT);
        Path dir = data.resolve("kafka");
        Path properties = data.resolve("kafka.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:19093",
                "listeners=PLAINTEXT://localhost:" + KAFKA_PORT + ",CONTROLLER://localhost:19093",
                "advertised.listeners=PLAINTEXT://localhost:" + KAFKA_PORT,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir,
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.ms=-1", ""));
        if (!Files.exists(dir.resolve("meta.properties"))) {
            Process format = java("kafka-format", List.of("-cp", kafkaClasspath(), "kafka.tools.StorageTool", "format",
                    "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", properties.toString()),
                    Map.of());
            try {
                if (format.waitFor() != 0) {
                    throw new IllegalStateException("formatting Kafka's storage failed; see logs/kafka-format.log");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            processes.remove(format);
        }
        java("kafka", List.of("-Xmx512m", "-cp", kafkaClasspath(), "kafka.Kafka", properties.toString()), Map.of());
        waitFor(Duration.ofMinutes(1), () -> listening(KAFKA_PORT));
        done();
    }

    /** GreenMail as the SMTP server every mail goes to, with its inbox over HTTP. */
    private void smtpCatcher() {
        step("Starting the SMTP catcher on localhost:" + SMTP_PORT);
        requireFree(SMTP_PORT);
        requireFree(INBOX_PORT);
        java("smtp-catcher", List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + SMTP_PORT,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + INBOX_PORT, "-Dgreenmail.auth.disabled",
                "-jar", System.getProperty("soleus.greenmail.jar")), Map.of());
        waitFor(Duration.ofSeconds(30), () -> listening(SMTP_PORT) && listening(INBOX_PORT));
        done();
    }

    /** The development issuer: a key made for this run, its public half served as a JWK set. */
    private void tokenIssuer() throws IOException {
        step("Starting the development token issuer on localhost:" + ISSUER_PORT);
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", ISSUER_PORT), 0);
        issuer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        issuer.start();
        done();
    }

    private void service(String name, int port, String database) {
        step("Starting " + name + " on localhost:" + port);
        requireFree(port);
        Path jar;
        try (Stream<Path> files = Files.list(root.resolve(name).resolve("target"))) {
            jar = files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar of " + name + "; build first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SOLEUS_HTTP_PORT", String.valueOf(port));
        environment.put("SOLEUS_DB_URL", database + "soleus_local_" + name.replace("-service", ""));
        environment.put("SOLEUS_KAFKA_BOOTSTRAP", "localhost:" + KAFKA_PORT);
        environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://127.0.0.1:" + ISSUER_PORT + "/jwks.json");
        environment.put("SOLEUS_SMTP_HOST", "127.0.0.1");
        environment.put("SOLEUS_SMTP_PORT", String.valueOf(SMTP_PORT));
        // the development clock, so the demo data can write months of history through the public APIs
        java(name, List.of("-Xmx512m", "-Dsoleus.dev.clock-control=true", "-jar", jar.toString()), environment);
        done();
    }

    private void welcome(DemoData.Written written) {
        Instant until = Instant.now().plus(Duration.ofHours(12));
        String admin = token("admin-demo", List.of("ADMIN"), List.of(), until);
        String therapistId = written == null ? "therapist-demo" : written.referenceTherapist().id();
        List<String> clinics = written == null ? List.of() : written.referenceTherapist().clinics();
        String therapist = token(therapistId, List.of("THERAPIST"), clinics, until);
        String client = written == null ? UUID.randomUUID().toString() : written.referenceClient();
        String clientToken = token(client, List.of("CLIENT"), List.of(), until);
        String data = written == null ? "  none (--keep or --no-demo)" : "  " + String.join("\n  ", written.summary());
        String text = """

                Soleus is running.

                  booking        http://localhost:8081/swagger-ui.html
                  treatment      http://localhost:8082/swagger-ui.html  (dashboards: /reports/outcomes?by=clinic)
                  notifications  http://localhost:8083/swagger-ui.html
                  mail inbox     http://localhost:%d  (GreenMail API: /api/user/<address>/messages/INBOX)
                  Kafka          localhost:%d
                  logs           %s

                Demo data:
                %s

                Demo logins (bearer tokens, valid 12 hours; also in logs/tokens.txt):
                  admin                          %s
                  therapist %s  %s
                  client %s  %s

                Ctrl-C stops everything.
                """.formatted(INBOX_PORT, KAFKA_PORT, logs, data, admin, therapistId, therapist, client, clientToken);
        System.out.println(text);
        try {
            Files.writeString(logs.resolve("tokens.txt"), "admin " + admin + "\ntherapist " + therapistId + " "
                    + therapist + "\nclient " + client + " " + clientToken + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String token(String subject, List<String> roles, List<String> clinics, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("soleus-local")
                .issueTime(new Date()).expirationTime(Date.from(expires))
                .claim("roles", roles).claim("clinics", clinics).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    // ---- processes

    private Process java(String name, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        System.out.println("\nStopping…");
        List<Process> running = new ArrayList<>(processes);
        java.util.Collections.reverse(running);
        running.forEach(Process::destroy);
        for (Process process : running) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (issuer != null) {
            issuer.stop(0);
        }
        System.out.println("Stopped. Logs are in " + logs);
    }

    private String kafkaClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("greenmail")).reduce((a, b) -> a + java.io.File.pathSeparator + b)
                .orElseThrow();
    }

    // ---- waiting and checking

    private boolean ready(int port) {
        processes.stream().filter(process -> !process.isAlive()).findFirst().ifPresent(dead -> {
            throw new IllegalStateException("a process stopped while starting");
        });
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireFree(int port) {
        if (listening(port)) {
            throw new IllegalStateException("port " + port + " is taken; stop what uses it first");
        }
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting after " + timeout.toSeconds() + " s");
            }
            System.out.print(".");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void step(String what) {
        System.out.print(what + " ");
    }

    private static void done() {
        System.out.println(" ok");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
