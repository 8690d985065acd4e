package io.soleus.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * The whole platform on one machine, each part its own process: a Kafka broker (KRaft, from the
 * Maven artifacts), the three services, an SMTP catcher (GreenMail, its inbox readable over HTTP),
 * and a development token issuer inside this launcher. The databases are created on the PostgreSQL
 * named by {@code SOLEUS_DB_URL}, else the one on localhost:5432, else on an embedded PostgreSQL
 * server this launcher starts itself (see {@link PostgresServer}). Every run starts fresh (new
 * databases and topics) unless given {@code --keep}. Logs go to {@code logs/}; Ctrl-C stops
 * everything. Started by {@code deploy/run-local.sh}.
 */
public final class LocalPlatform {

    private static final Random RANDOM = new Random();
    private static final Set<Integer> GIVEN_OUT = ConcurrentHashMap.newKeySet();

    /** Where each part listens. */
    public record Ports(int kafka, int controller, int smtp, int inbox, int issuer, int postgres,
                        Map<String, Integer> services) {

        /** The ports the README names, for a developer's machine; PostgreSQL's is only used by a server of our own. */
        static Ports standard() {
            return new Ports(9092, 19093, 3025, 8025, 9000, 15432, services(8081, 8082, 8083));
        }

        /** Ports free right now, for a system test that must not meet a developer's running platform. */
        public static Ports free() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                    services(freePort(), freePort(), freePort()));
        }

        private static Map<String, Integer> services(int booking, int treatment, int notifications) {
            Map<String, Integer> services = new LinkedHashMap<>();
            services.put("booking-service", booking);
            services.put("treatment-service", treatment);
            services.put("notifications-service", notifications);
            return services;
        }
    }

    private final Path root;
    private final Path logs;
    private final Path data;
    private final Ports ports;
    private final String databasePrefix;
    private final boolean fresh;
    private final boolean demo;
    private final boolean chatty;
    /** A system test's platform: a PostgreSQL server of its own, and quick takeover of a killed instance's work. */
    private final boolean systemTest;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> secondInstances = new LinkedHashMap<>();
    private HttpServer issuer;
    private RSAKey key;
    private String database;
    private String databaseUser;
    private String databasePassword;
    private PostgresServer.Result ownServer;
    private PostgresServer postgres;
    private boolean stopped;
    private final HttpClient readiness = HttpClient.newHttpClient();

    private LocalPlatform(Path root, Path logs, Path data, Ports ports, String databasePrefix, boolean fresh,
                          boolean demo, boolean chatty, boolean systemTest) {
        this.root = root;
        this.logs = logs;
        this.data = data;
        this.ports = ports;
        this.databasePrefix = databasePrefix;
        this.fresh = fresh;
        this.demo = demo;
        this.chatty = chatty;
        this.systemTest = systemTest;
    }

    /**
     * A fresh platform for system tests: free ports, a PostgreSQL server of its own (so a test may crash
     * it, and nothing is left behind on another), no demo data, logs and data in {@code work}. The
     * repository's {@code root} holds the built service jars.
     */
    public static LocalPlatform forSystemTests(Path root, Path work) {
        return new LocalPlatform(root, work.resolve("logs"), work.resolve("data"), Ports.free(), "soleus_system_", true,
                false, false, true);
    }

    public static void main(String[] args) throws Exception {
        boolean keep = List.of(args).contains("--keep");
        Path root = Path.of("").toAbsolutePath();
        LocalPlatform platform = new LocalPlatform(root, root.resolve("logs"), root.resolve("target/local"),
                Ports.standard(), "soleus_local_", !keep, !keep && !List.of(args).contains("--no-demo"), true, false);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-local-platform"));
        try {
            platform.start();
            platform.welcome(platform.demo ? platform.writeDemoData() : null);
        } catch (RuntimeException e) {
            System.err.println("\nThe platform could not start: " + e.getMessage());
            System.err.println("The logs of each part are in " + platform.logs);
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    /** Starts every part and waits until each service is ready. */
    public void start() {
        try {
            if (fresh) {
                // another launcher running on these ports must not lose its database
                requireFree(ports.kafka());
                forgetOwnPostgres();
                Folders.delete(data);
                Folders.delete(logs);
            }
            Files.createDirectories(logs);
            Files.createDirectories(data);
            database = databases();
            kafka();
            smtpCatcher();
            tokenIssuer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ports.services().keySet().forEach(this::service);
        ports.services().keySet().forEach(this::awaitReady);
    }

    /** Writes the demo data through the APIs, moving the services' development clocks as it goes. */
    public DemoData.Written writeDemoData() {
        step("Writing demo data through the APIs (12 weeks of history; a minute or two)");
        Instant until = Instant.now().plus(Duration.ofHours(12));
        DemoData.Written written = new DemoData((subject, roles, clinics) -> token(subject, roles, clinics, until),
                ports.services()).write();
        done();
        return written;
    }

    public Ports ports() {
        return ports;
    }

    /** Kills a part's process at once (SIGKILL: a service by its name, or "kafka"): no shutdown, as a crashed machine. */
    public synchronized void kill(String service) {
        Process process = processes.remove(service);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a service again and waits until it is ready. */
    public void restart(String service) {
        service(service);
        awaitReady(service);
    }

    /** Starts the broker again after {@link #kill kill("kafka")}, on its kept data. */
    public void restartKafka() {
        try {
            kafka();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Crashes the platform's own PostgreSQL server (every server process aborted, no checkpoint) and
     * starts it again, recovering from its write-ahead log; the services meanwhile lose every connection.
     */
    public void crashAndRestartPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("this platform uses a PostgreSQL server it does not own");
        }
        postgres.crash();
        postgres.start();
    }

    /** A connection to a service's database, for a test that reconciles what the services hold. */
    public Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(service), databaseUser, databasePassword);
    }

    private String jdbcUrl(String service) {
        return database + databaseName(service);
    }

    private String databaseName(String service) {
        return databasePrefix + service.replace("-service", "");
    }

    /** A bearer token from the development issuer, valid for an hour. */
    public String token(String subject, List<String> roles, List<String> clinics) {
        return token(subject, roles, clinics, Instant.now().plus(Duration.ofHours(1)));
    }

    private void awaitReady(String service) {
        step("Waiting for " + service + " to be ready");
        waitFor(Duration.ofMinutes(3), () -> ready(port(service)));
        done();
    }

    /**
     * Starts a second instance of every service ({@code booking-service-2} …) on the same databases and
     * consumer groups, and waits until they are ready: the work splits between the instances.
     */
    public void startSecondInstances() {
        for (String service : ports.services().keySet()) {
            secondInstances.put(service + "-2", freePort());
            service(service + "-2");
        }
        secondInstances.keySet().forEach(this::awaitReady);
    }

    /** Every running instance of every service: {@code booking-service} …, and {@code booking-service-2} … once started. */
    public List<String> instances() {
        List<String> instances = new ArrayList<>(ports.services().keySet());
        instances.addAll(secondInstances.keySet());
        return instances;
    }

    /** The HTTP port of a service's instance: {@code booking-service}, or {@code booking-service-2} once started. */
    public int port(String instance) {
        Integer port = ports.services().containsKey(instance) ? ports.services().get(instance)
                : secondInstances.get(instance);
        if (port == null) {
            throw new IllegalArgumentException("no instance " + instance);
        }
        return port;
    }

    // ---- the parts

    /**
     * Chooses the PostgreSQL server (a server of our own for system tests; else {@code SOLEUS_DB_URL}; else
     * the one on localhost:5432; else a server of our own from the installed binaries), creates one
     * database per service on it (afresh, unless kept) and returns the server's JDBC URL base.
     */
    private String databases() {
        String configured = System.getenv("SOLEUS_DB_URL");
        String server;
        if (!systemTest && (configured != null || listening(5432))) {
            server = configured != null ? configured.substring(0, configured.lastIndexOf('/') + 1)
                    : "jdbc:postgresql://localhost:5432/";
            databaseUser = System.getenv().getOrDefault("SOLEUS_DB_USER", "postgres");
            databasePassword = System.getenv().getOrDefault("SOLEUS_DB_PASSWORD", "");
        } else {
            server = ownPostgres();
            databaseUser = "postgres";
            databasePassword = "";
        }
        step("Preparing the databases on " + server);
        try (Connection connection = DriverManager.getConnection(server + "postgres", databaseUser, databasePassword)) {
            for (String service : ports.services().keySet()) {
                String name = databaseName(service);
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
            throw new IllegalStateException("the PostgreSQL at " + server + " refused: " + e.getMessage()
                    + (postgres != null ? "" : ". Check SOLEUS_DB_URL, SOLEUS_DB_USER and SOLEUS_DB_PASSWORD."));
        }
        done();
        return server;
    }

    /** A PostgreSQL server of this platform's own, its data kept with the broker's. */
    private String ownPostgres() {
        step("Starting a PostgreSQL server of our own on localhost:" + ports.postgres());
        PostgresServer.Result found = ownPostgresServer();
        if (found.server() == null) {
            throw new IllegalStateException((systemTest ? "" : "no PostgreSQL runs on localhost:5432 and ")
                    + "none can be started here: " + found.whyNot());
        }
        requireFree(ports.postgres());
        postgres = found.server();
        postgres.start();
        done();
        return postgres.jdbcBase();
    }

    /** The server of our own this platform would run (found once: finding it runs a few commands). */
    private PostgresServer.Result ownPostgresServer() {
        if (ownServer == null) {
            ownServer = PostgresServer.at(data.resolve("postgres"), ports.postgres(),
                    root.resolve("target/postgres-binaries"));
        }
        return ownServer;
    }

    /**
     * Deletes the data of an earlier run's server of our own (kept beside the broker's, or where the
     * postgres user can reach it), stopping it first if a killed run left it running.
     */
    private void forgetOwnPostgres() {
        if (!PostgresServer.hasData(data.resolve("postgres"))) {
            return;
        }
        PostgresServer earlier = ownPostgresServer().server();
        if (earlier == null) {
            return;
        }
        if (earlier.running()) {
            earlier.crash();
        }
        earlier.deleteData();
    }

    /** A single-node KRaft broker in its own JVM, from the kafka_2.13 artifact on this launcher's classpath. */
    private void kafka() throws IOException {
        step("Starting Kafka on localhost:" + ports.kafka());
        requireFree(ports.kafka());
        Path dir = data.resolve("kafka");
        Path properties = data.resolve("kafka.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + ports.controller(),
                "listeners=PLAINTEXT://localhost:" + ports.kafka() + ",CONTROLLER://localhost:" + ports.controller(),
                "advertised.listeners=PLAINTEXT://localhost:" + ports.kafka(),
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
            processes.remove("kafka-format");
        }
        java("kafka", List.of("-Xmx512m", "-cp", kafkaClasspath(), "kafka.Kafka", properties.toString()), Map.of());
        waitFor(Duration.ofMinutes(1), () -> listening(ports.kafka()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports.kafka(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            waitFor(Duration.ofMinutes(1), () -> leadsEveryPartition(admin));
        }
        done();
    }

    /** GreenMail as the SMTP server every mail goes to, with its inbox over HTTP. */
    private void smtpCatcher() {
        step("Starting the SMTP catcher on localhost:" + ports.smtp());
        requireFree(ports.smtp());
        requireFree(ports.inbox());
        java("smtp-catcher", List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + ports.smtp(),
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + ports.inbox(), "-Dgreenmail.auth.disabled",
                "-jar", classpathEntry("greenmail-standalone")), Map.of());
        waitFor(Duration.ofSeconds(30), () -> listening(ports.smtp()) && listening(ports.inbox()));
        done();
    }

    /** The development issuer: a key made for this run, its public half served as a JWK set. */
    private void tokenIssuer() throws IOException {
        step("Starting the development token issuer on localhost:" + ports.issuer());
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", ports.issuer()), 0);
        issuer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        issuer.start();
        done();
    }

    /** An instance is named by its service, a second one with "-2" after it. */
    private void service(String name) {
        int port = port(name);
        String module = name.replaceFirst("-2$", "");
        step("Starting " + name + " on localhost:" + port);
        requireFree(port);
        Path jar;
        try (Stream<Path> files = Files.list(root.resolve(module).resolve("target"))) {
            jar = files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar of " + name + "; build first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SOLEUS_HTTP_PORT", String.valueOf(port));
        environment.put("SOLEUS_DB_URL", jdbcUrl(module));
        environment.put("SOLEUS_DB_USER", databaseUser);
        environment.put("SOLEUS_DB_PASSWORD", databasePassword);
        environment.put("SOLEUS_KAFKA_BOOTSTRAP", "localhost:" + ports.kafka());
        environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://127.0.0.1:" + ports.issuer() + "/jwks.json");
        environment.put("SOLEUS_SMTP_HOST", "127.0.0.1");
        environment.put("SOLEUS_SMTP_PORT", String.valueOf(ports.smtp()));
        // the development clock, so the demo data can write months of history through the public APIs
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-Dsoleus.dev.clock-control=true"));
        if (systemTest) {
            // system tests kill instances: their deliveries are taken over after 6 missed heartbeats, 30 s, not 3 min;
            // and they move the development clock days ahead, past which a day-old idempotency key must not be forgotten
            options.add("-Ddb-scheduler.heartbeat-interval=PT5S");
            options.add("-Dsoleus.idempotency.retention=P3650D");
        }
        options.addAll(List.of("-jar", jar.toString()));
        java(name, options, environment);
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

                  booking        http://localhost:%d/swagger-ui.html
                  treatment      http://localhost:%d/swagger-ui.html  (dashboards: /reports/outcomes?by=clinic)
                  notifications  http://localhost:%d/swagger-ui.html
                  mail inbox     http://localhost:%d  (GreenMail API: /api/user/<address>/messages/INBOX)
                  Kafka          localhost:%d
                  PostgreSQL     %s  (databases %s<service>)
                  logs           %s

                Demo data:
                %s

                Demo logins (bearer tokens, valid 12 hours; also in logs/tokens.txt):
                  admin                          %s
                  therapist %s  %s
                  client %s  %s

                Ctrl-C stops everything.
                """.formatted(ports.services().get("booking-service"), ports.services().get("treatment-service"),
                ports.services().get("notifications-service"), ports.inbox(), ports.kafka(), database, databasePrefix,
                logs, data, admin, therapistId, therapist, client, clientToken);
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

    private synchronized Process java(String name, List<String> arguments, Map<String, String> environment) {
        if (stopped) {
            throw new IllegalStateException("the platform is stopping");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        // appended: a restarted process's log follows what its killed predecessor wrote
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            processes.put(name, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every part, the services first, each given 30 s before it is killed; once. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        say("\nStopping…");
        List<Process> running = new ArrayList<>(processes.values());
        Collections.reverse(running);
        running.forEach(Process::destroy);
        for (Process process : running) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        processes.clear();
        if (issuer != null) {
            issuer.stop(0);
        }
        try {
            if (postgres != null) {
                postgres.stop();
                if (systemTest && !postgres.home().startsWith(data)) {
                    // kept outside the test's folder (see PostgresServer): nothing may pile up there
                    postgres.deleteData();
                }
            }
        } finally {
            say("Stopped. Logs are in " + logs);
        }
    }

    /** A jar on this launcher's own classpath, e.g. GreenMail's standalone one, run as a process of its own. */
    private static String classpathEntry(String name) {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on the classpath"));
    }

    private String kafkaClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("greenmail")).reduce((a, b) -> a + java.io.File.pathSeparator + b)
                .orElseThrow();
    }

    // ---- waiting and checking

    private boolean ready(int port) {
        processes.forEach((name, process) -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see its log in " + logs);
            }
        });
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
     * The broker answers and leads every partition of its topics, the consumer offsets' too (after a
     * restart it loads them from its log first), so the services' producers and consumers can go on.
     */
    private static boolean leadsEveryPartition(Admin admin) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()).allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private void waitFor(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting after " + timeout.toSeconds() + " s");
            }
            if (chatty) {
                System.out.print(".");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void step(String what) {
        if (chatty) {
            System.out.print(what + " ");
        }
    }

    private void done() {
        say(" ok");
    }

    private void say(String line) {
        if (chatty) {
            System.out.println(line);
        }
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 on): a port from that range could be taken,
     * before its part starts, as the local end of some outgoing connection. A port is given out once per
     * JVM, so two parts never draw the same one before either has bound it.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            if (!GIVEN_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
