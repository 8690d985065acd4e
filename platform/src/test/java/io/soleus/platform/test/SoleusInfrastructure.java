package io.soleus.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real PostgreSQL and the real Kafka broker every test of ours runs against, started once per
 * JVM. Where Docker exists, Testcontainers starts both. Where it does not, tests use the PostgreSQL
 * at {@code SOLEUS_TEST_DB_URL} (default {@code jdbc:postgresql://localhost:5432/postgres}, user
 * {@code postgres}) with a fresh database per run, and a single-node KRaft broker inside the JVM.
 */
public final class SoleusInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SoleusInfrastructure.class);
    private static final String TEST_DATABASE_PREFIX = "soleus_test_";
    private static SoleusInfrastructure instance;

    private final Database database;
    private final String kafkaBootstrapServers;
    private final List<AutoCloseable> resources = new ArrayList<>();

    public record Database(String jdbcUrl, String username, String password) {
    }

    public static synchronized SoleusInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public Database database() {
        return database;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Another fresh database on the same server, e.g. for a second service in one test. */
    public Database newDatabase(String purpose) {
        return createDatabase(serverUrl(database.jdbcUrl()), database.username(), database.password(), purpose, resources);
    }

    private SoleusInfrastructure(Database database, String kafkaBootstrapServers) {
        this.database = database;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    private static SoleusInfrastructure start() {
        boolean docker = !"false".equalsIgnoreCase(System.getenv("SOLEUS_TEST_DOCKER")) && dockerAvailable();
        return docker ? withContainers() : withLocalServices();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static SoleusInfrastructure withContainers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");
        postgres.start();
        kafka.start();
        log.info("Test infrastructure: Testcontainers PostgreSQL and Kafka");
        SoleusInfrastructure infrastructure = new SoleusInfrastructure(
                new Database(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()),
                kafka.getBootstrapServers());
        infrastructure.resources.add(kafka::stop);
        infrastructure.resources.add(postgres::stop);
        return infrastructure;
    }

    private static SoleusInfrastructure withLocalServices() {
        String url = env("SOLEUS_TEST_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
        String user = env("SOLEUS_TEST_DB_USER", "postgres");
        String password = env("SOLEUS_TEST_DB_PASSWORD", "");
        List<AutoCloseable> resources = new ArrayList<>();
        dropStaleTestDatabases(url, user, password);
        Database database = createDatabase(url, user, password, "run", resources);

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        log.info("Test infrastructure: local PostgreSQL database {} and in-JVM Kafka at {}",
                database.jdbcUrl(), broker.getBrokersAsString());

        SoleusInfrastructure infrastructure = new SoleusInfrastructure(database, broker.getBrokersAsString());
        infrastructure.resources.add(broker::destroy);
        infrastructure.resources.addAll(resources);
        return infrastructure;
    }

    private static Database createDatabase(String serverUrl, String user, String password, String purpose,
                                           List<AutoCloseable> resources) {
        String name = TEST_DATABASE_PREFIX + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + purpose.replaceAll("[^a-z0-9]", "") + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        execute(serverUrl, user, password, "CREATE DATABASE " + name);
        resources.add(() -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        return new Database(withDatabase(serverUrl, name), user, password);
    }

    /** Databases left by runs that died before cleaning up, older than half a day. */
    private static void dropStaleTestDatabases(String url, String user, String password) {
        String cutoff = TEST_DATABASE_PREFIX + LocalDateTime.now().minusHours(12).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        List<String> stale = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet names = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE '" + TEST_DATABASE_PREFIX + "%'")) {
            while (names.next()) {
                if (names.getString(1).compareTo(cutoff) < 0) {
                    stale.add(names.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + url
                    + " (set SOLEUS_TEST_DB_URL, or run with Docker)", e);
        }
        stale.forEach(name -> execute(url, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + url, e);
        }
    }

    private static String serverUrl(String jdbcUrl) {
        return withDatabase(jdbcUrl, "postgres");
    }

    private static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Closes the shared infrastructure if this JVM started it: for a program, such as a benchmark, run without JUnit. */
    public static synchronized void closeIfStarted() {
        if (instance != null) {
            instance.close();
        }
    }

    /** Stops what was started and drops the databases made; a second call does nothing. */
    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) { // last started, first stopped
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Could not release test resource", e);
            }
        }
        resources.clear();
    }
}
