package io.soleus.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform on one machine, each part its own process: a Kafka broker (KRaft, from the
 * Maven artifacts), the identity provider, the three services, the web front end and an SMTP catcher
 * (GreenMail, its inbox readable over HTTP). Every run starts fresh (new databases and topics)
 * unless given {@code --keep}. Logs go to {@code logs/}; Ctrl-C stops everything. Started by
 * {@code deploy/run-local.sh}; system tests start one of their own on free ports.
 */
public final class LocalPlatform {

    static final String IDENTITY = "identity";
    static final String WEB = "web";

    private final Path root;
    private final Path logs;
    private final Path data;
    private final Ports ports;
    private final boolean fresh;
    private final boolean demo;
    /** A system test's platform: a PostgreSQL server of its own, and quick takeover of a killed instance's work. */
    private final boolean systemTest;
    /** Whether the web front end runs: always for people, for system tests only those that drive a browser. */
    private final boolean web;
    private final Console console;
    private final Processes processes;
    private final Databases databases;
    private final KafkaCluster kafka;
    private final Map<String, Integer> secondInstances = new LinkedHashMap<>();
    private final HttpClient readiness = HttpClient.newHttpClient();
    /** Secrets made for this run only: the web front end's client secret and the development token endpoint's. */
    private final String webClientSecret = secret();
    private final String devTokenSecret = secret();
    private final DevIdentity identity;
    private String database;
    private String otlpEndpoint;
    /** Whether a system test's services get the JVM's full compilers, as a benchmark's must: see {@link #compiledFully}. */
    private boolean compiledFully;
    private boolean stopped;

    private LocalPlatform(Path root, Path logs, Path data, Ports ports, String databasePrefix, boolean fresh,
                          boolean demo, boolean chatty, boolean systemTest, boolean web, int kafkaNodes) {
        this.root = root;
        this.logs = logs;
        this.data = data;
        this.ports = ports;
        this.fresh = fresh;
        this.demo = demo;
        this.systemTest = systemTest;
        this.web = web;
        this.console = new Console(chatty);
        this.processes = new Processes(logs);
        this.databases = new Databases(root, data, ports.postgres(), databasePrefix, systemTest, console);
        List<Integer> kafkaPorts = new ArrayList<>(List.of(ports.kafka()));
        List<Integer> controllerPorts = new ArrayList<>(List.of(ports.controller()));
        while (kafkaPorts.size() < kafkaNodes) {
            kafkaPorts.add(Ports.freePort());
            controllerPorts.add(Ports.freePort());
        }
        this.kafka = new KafkaCluster(data, kafkaPorts, controllerPorts, processes, console);
        this.identity = new DevIdentity(ports.identity(), devTokenSecret);
    }

    /**
     * A fresh platform for system tests: free ports, a PostgreSQL server of its own (so a test may crash
     * it, and nothing is left behind on another), no demo data, logs and data in {@code work}. The
     * repository's {@code root} holds the built jars.
     */
    public static LocalPlatform forSystemTests(Path root, Path work) {
        return new LocalPlatform(root, work.resolve("logs"), work.resolve("data"), Ports.free(), "soleus_system_", true,
                false, false, true, false, 1);
    }

    /**
     * As {@link #forSystemTests}, on a Kafka cluster of three nodes ({@code kafka-1} …) with the
     * replication production has (factor 3, two in sync): for a test of broker failover.
     */
    public static LocalPlatform forSystemTestsOnKafkaCluster(Path root, Path work) {
        return new LocalPlatform(root, work.resolve("logs"), work.resolve("data"), Ports.free(), "soleus_system_", true,
                false, false, true, false, 3);
    }

    /** As {@link #forSystemTests}, with the web front end too: for tests that drive a browser. */
    public static LocalPlatform forBrowserTests(Path root, Path work) {
        return new LocalPlatform(root, work.resolve("logs"), work.resolve("data"), Ports.free(), "soleus_system_", true,
                false, false, true, true, 1);
    }

    public static void main(String[] args) throws Exception {
        boolean keep = List.of(args).contains("--keep");
        Path root = Path.of("").toAbsolutePath();
        LocalPlatform platform = new LocalPlatform(root, root.resolve("logs"), root.resolve("target/local"),
                Ports.standard(), "soleus_local_", !keep, !keep && !List.of(args).contains("--no-demo"), true, false, true, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-local-platform"));
        try {
            platform.start();
            DemoData.Written written = platform.demo ? platform.writeDemoData() : null;
            new Welcome(platform.ports, platform.database, platform.logs).print(written);
        } catch (RuntimeException e) {
            System.err.println("\nThe platform could not start: " + e.getMessage());
            System.err.println("The logs of each part are in " + platform.logs);
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    /**
     * Has the services export their spans by OTLP over HTTP to an endpoint (e.g. a test's collector);
     * before {@link #start}. People set {@code MANAGEMENT_OTLP_TRACING_ENDPOINT} instead, which every
     * part inherits.
     */
    public LocalPlatform traceTo(String endpoint) {
        this.otlpEndpoint = endpoint;
        return this;
    }

    /**
     * Has a system test's services run with the JVM's optimising compiler and default collector, as in
     * production, rather than start quickly; before {@link #start}. For a benchmark on this platform.
     */
    public LocalPlatform compiledFully() {
        this.compiledFully = true;
        return this;
    }

    /** A part's log, {@code logs/<part>.log}: a killed and restarted part's follows on. */
    public Path log(String part) {
        return logs.resolve(part + ".log");
    }

    /** Starts every part and waits until each is ready. */
    public void start() {
        try {
            if (fresh) {
                // another launcher running on these ports must not lose its database
                Console.requireFree(ports.kafka());
                databases.forgetEarlierServer();
                Folders.delete(data);
                Folders.delete(logs);
            }
            Files.createDirectories(logs);
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> parts = new ArrayList<>(ports.services().keySet());
        parts.add(IDENTITY);
        if (web) {
            parts.add(WEB);
        }
        database = databases.prepare(parts, fresh);
        kafka.start();
        smtpCatcher();
        // the front end finds the provider at start-up (OpenID Connect discovery): the provider comes first
        part(IDENTITY);
        awaitReady(IDENTITY);
        ports.services().keySet().forEach(this::part);
        if (web) {
            part(WEB);
        }
        ports.services().keySet().forEach(this::awaitReady);
        if (web) {
            awaitReady(WEB);
        }
    }

    /** Writes the demo data through the APIs, moving the services' development clocks as it goes. */
    public DemoData.Written writeDemoData() {
        console.step("Writing demo data through the APIs (months of history; a minute or two)");
        DemoData.Written written = new DemoData(identity, ports.services(), secret().substring(0, 12)).write();
        console.done();
        return written;
    }

    public Ports ports() {
        return ports;
    }

    /** The web front end's address: the one URL people open. */
    public String webUrl() {
        return "http://localhost:" + ports.web();
    }

    /**
     * The processor time each part has used so far, by name (the broker, the SMTP catcher, identity, each
     * service instance), and {@code postgres} for a PostgreSQL server of the platform's own: a benchmark
     * takes two readings and says what each part cost.
     */
    public Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>(processes.cpuTimes());
        databases.cpuTime().ifPresent(time -> times.put("postgres", time));
        return times;
    }

    /** The Kafka brokers' addresses, for a client of a test or benchmark. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The identity provider: tokens for any subject, and sign-in accounts. */
    public DevIdentity identity() {
        return identity;
    }

    /** A bearer token from the identity provider's development endpoint. */
    public String token(String subject, List<String> roles, List<String> clinics) {
        return identity.token(subject, roles, clinics);
    }

    /**
     * Kills a part's process at once (SIGKILL: a service by its name, or a Kafka node: {@code kafka}, or
     * {@code kafka-1} … on a cluster): no shutdown, as a crashed machine.
     */
    public void kill(String part) {
        processes.kill(part);
    }

    /** Starts a part again and waits until it is ready: a Kafka node, on its kept data, until it is back in sync. */
    public void restart(String part) {
        if (kafka.names().contains(part)) {
            kafka.restart(part);
            return;
        }
        part(part);
        awaitReady(part);
    }

    /** The Kafka node that leads the most partitions of a topic, e.g. {@code kafka-2}. */
    public String kafkaLeaderOf(String topic) {
        return kafka.leaderOf(topic);
    }

    /**
     * Crashes the platform's own PostgreSQL server (every server process aborted, no checkpoint) and
     * starts it again, recovering from its write-ahead log; the services meanwhile lose every connection.
     */
    public void crashAndRestartPostgres() {
        databases.crashAndRestart();
    }

    /** A connection to a part's database, for a test that reconciles what the services hold. */
    public Connection connect(String part) throws SQLException {
        return databases.connect(part);
    }

    /**
     * Starts a second instance of every service ({@code booking-service-2} …) on the same databases and
     * consumer groups, and waits until they are ready: the work splits between the instances.
     */
    public void startSecondInstances() {
        for (String service : ports.services().keySet()) {
            secondInstances.put(service + "-2", Ports.freePort());
            part(service + "-2");
        }
        secondInstances.keySet().forEach(this::awaitReady);
    }

    /** Every running instance of every service: {@code booking-service} …, and {@code booking-service-2} … once started. */
    public List<String> instances() {
        List<String> instances = new ArrayList<>(ports.services().keySet());
        instances.addAll(secondInstances.keySet());
        return instances;
    }

    /** The HTTP port of a part: {@code identity}, {@code web}, a service, or {@code booking-service-2} once started. */
    public int port(String instance) {
        Integer port = switch (instance) {
            case IDENTITY -> ports.identity();
            case WEB -> ports.web();
            default -> ports.services().containsKey(instance) ? ports.services().get(instance) : secondInstances.get(instance);
        };
        if (port == null) {
            throw new IllegalArgumentException("no instance " + instance);
        }
        return port;
    }

    /** Stops every part, the web front end and services first, each given 30 s before it is killed; once. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        console.say("\nStopping…");
        processes.stopAll();
        try {
            databases.stop(systemTest);
        } finally {
            console.say("Stopped. Logs are in " + logs);
        }
    }

    // ---- the parts

    /** GreenMail as the SMTP server every mail goes to, with its inbox over HTTP. */
    private void smtpCatcher() {
        console.step("Starting the SMTP catcher on localhost:" + ports.smtp());
        Console.requireFree(ports.smtp());
        Console.requireFree(ports.inbox());
        processes.start("smtp-catcher", List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + ports.smtp(),
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + ports.inbox(), "-Dgreenmail.auth.disabled",
                "-jar", Processes.classpathEntry("greenmail-standalone")), Map.of());
        console.waitFor(Duration.ofSeconds(30), () -> Console.listening(ports.smtp()) && Console.listening(ports.inbox()));
        console.done();
    }

    /** Starts a part: the identity provider, the web front end, or a service instance ({@code -2} for a second one). */
    private void part(String name) {
        int port = port(name);
        String module = name.replaceFirst("-2$", "");
        console.step("Starting " + name + " on localhost:" + port);
        Console.requireFree(port);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SOLEUS_HTTP_PORT", String.valueOf(port));
        environment.put("SOLEUS_DB_URL", databases.jdbcUrl(module));
        environment.put("SOLEUS_DB_USER", databases.user());
        environment.put("SOLEUS_DB_PASSWORD", databases.password());
        List<String> options = new ArrayList<>(List.of("-Xmx384m"));
        if (systemTest && !compiledFully) {
            // a test's platform starts and restarts many JVMs at once on few cores: the quick compiler only
            // (a start a third faster; their load is light) and one GC thread each
            options.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        switch (module) {
            case IDENTITY -> {
                environment.put("SOLEUS_ISSUER_URI", issuer());
                environment.put("SOLEUS_WEB_CLIENT_SECRET", webClientSecret);
                environment.put("SOLEUS_WEB_REDIRECT_URIS", webUrl() + "/login/oauth2/code/soleus");
                environment.put("SOLEUS_WEB_POST_LOGOUT_URIS", webUrl() + "/?signed-out");
                // the demo data and the system tests act as admin, therapists and clients through the public APIs
                environment.put("SOLEUS_DEV_TOKENS", "true");
                environment.put("SOLEUS_DEV_TOKENS_SECRET", devTokenSecret);
            }
            case WEB -> {
                environment.put("SOLEUS_OIDC_ISSUER_URI", issuer());
                environment.put("SOLEUS_OIDC_CLIENT_SECRET", webClientSecret);
                environment.put("SOLEUS_BOOKING_URL", "http://localhost:" + ports.services().get("booking-service"));
                environment.put("SOLEUS_TREATMENT_URL", "http://localhost:" + ports.services().get("treatment-service"));
                environment.put("SOLEUS_NOTIFICATIONS_URL", "http://localhost:" + ports.services().get("notifications-service"));
                // the provider is the platform's own: a forgotten client's sign-in is deleted there too
                environment.put("SOLEUS_ACCOUNTS_URL", issuer());
            }
            default -> {
                environment.put("SOLEUS_KEY_ENCRYPTION_KEY", keyEncryptionKey());
                environment.put("SOLEUS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
                environment.put("SOLEUS_KAFKA_REPLICATION_FACTOR", String.valueOf(kafka.replicationFactor()));
                environment.put("SOLEUS_KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(kafka.minInsyncReplicas()));
                environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer());
                environment.put("SOLEUS_SMTP_HOST", "127.0.0.1");
                environment.put("SOLEUS_SMTP_PORT", String.valueOf(ports.smtp()));
                // a waitlist offer's message links to its page on the web front end
                environment.put("SOLEUS_WEB_URL", webUrl());
                if (otlpEndpoint != null) {
                    environment.put("MANAGEMENT_OTLP_TRACING_ENDPOINT", otlpEndpoint);
                }
                // the development clock, so the demo data can write months of history through the public APIs
                options.add("-Dsoleus.dev.clock-control=true");
                if (systemTest) {
                    // system tests kill instances: their deliveries are taken over after 6 missed heartbeats, 30 s, not 3 min;
                    // and they move the development clock days ahead, past which a day-old idempotency key must not be forgotten
                    options.add("-Ddb-scheduler.heartbeat-interval=PT5S");
                    options.add("-Dsoleus.idempotency.retention=P3650D");
                }
            }
        }
        options.addAll(List.of("-jar", Processes.runnableJar(root, module).toString()));
        processes.start(name, options, environment);
        console.done();
    }

    private String issuer() {
        return "http://localhost:" + ports.identity();
    }

    private void awaitReady(String part) {
        console.step("Waiting for " + part + " to be ready");
        console.waitFor(Duration.ofMinutes(3), () -> ready(port(part)));
        console.done();
    }

    private boolean ready(int port) {
        processes.requireAlive();
        try {
            HttpResponse<String> response = readiness.send(HttpRequest.newBuilder(
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

    /**
     * The key-encryption key wrapping clients' keys: made with the databases and kept beside them (only
     * its owner may read it), so a platform started with {@code --keep} still reads what it wrote.
     */
    private String keyEncryptionKey() {
        Path file = data.resolve("key-encryption-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String text = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(data);
            Files.writeString(file, text);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the key-encryption key in " + file, e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
