package io.soleus.deploy.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The platform's databases, one per part, and the PostgreSQL server they live on: a server of our
 * own for system tests; else {@code SOLEUS_DB_URL}; else the one on localhost:5432; else a server of
 * our own from the installed binaries or PostgreSQL from Maven Central (see {@link PostgresServer}).
 */
final class Databases {

    private final Path root;
    private final Path data;
    private final int ownPort;
    private final String prefix;
    private final boolean ownServerOnly;
    private final Console console;
    private String server;
    private String user;
    private String password;
    private PostgresServer own;
    private PostgresServer.Result ownFound;

    Databases(Path root, Path data, int ownPort, String prefix, boolean ownServerOnly, Console console) {
        this.root = root;
        this.data = data;
        this.ownPort = ownPort;
        this.prefix = prefix;
        this.ownServerOnly = ownServerOnly;
        this.console = console;
    }

    /** Chooses the server and creates a database for each part (afresh unless {@code keep}); returns the server's JDBC base. */
    String prepare(List<String> parts, boolean fresh) {
        String configured = System.getenv("SOLEUS_DB_URL");
        if (!ownServerOnly && (configured != null || Console.listening(5432))) {
            server = configured != null ? configured.substring(0, configured.lastIndexOf('/') + 1)
                    : "jdbc:postgresql://localhost:5432/";
            user = System.getenv().getOrDefault("SOLEUS_DB_USER", "postgres");
            password = System.getenv().getOrDefault("SOLEUS_DB_PASSWORD", "");
        } else {
            server = startOwn();
            user = "postgres";
            password = "";
        }
        console.step("Preparing the databases on " + server);
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, password)) {
            for (String part : parts) {
                String name = name(part);
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
                    + (own != null ? "" : ". Check SOLEUS_DB_URL, SOLEUS_DB_USER and SOLEUS_DB_PASSWORD."));
        }
        console.done();
        return server;
    }

    String jdbcUrl(String part) {
        return server + name(part);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect(String part) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(part), user, password);
    }

    /** The processor time the server of our own has used so far; empty when the platform uses a server it does not own. */
    Optional<Duration> cpuTime() {
        return Optional.ofNullable(own).map(PostgresServer::cpuTime);
    }

    /**
     * Crashes the server of our own (every server process aborted, no checkpoint) and starts it again,
     * recovering from its write-ahead log.
     */
    void crashAndRestart() {
        if (own == null) {
            throw new IllegalStateException("this platform uses a PostgreSQL server it does not own");
        }
        own.crash();
        own.start();
    }

    /**
     * Deletes the data of an earlier run's server of our own (kept beside the broker's, or where the
     * postgres user can reach it), stopping it first if a killed run left it running.
     */
    void forgetEarlierServer() {
        if (!PostgresServer.hasData(data.resolve("postgres"))) {
            return;
        }
        PostgresServer earlier = ownServer().server();
        if (earlier == null) {
            return;
        }
        if (earlier.running()) {
            earlier.crash();
        }
        earlier.deleteData();
    }

    /** Stops a server of our own; a system test's data kept outside its folder is deleted too. */
    void stop(boolean deleteDataKeptElsewhere) {
        if (own == null) {
            return;
        }
        own.stop();
        if (deleteDataKeptElsewhere && !own.home().startsWith(data)) {
            own.deleteData(); // kept outside the test's folder (see PostgresServer): nothing may pile up there
        }
    }

    private String name(String part) {
        return prefix + part.replace("-service", "");
    }

    private String startOwn() {
        console.step("Starting a PostgreSQL server of our own on localhost:" + ownPort);
        PostgresServer.Result found = ownServer();
        if (found.server() == null) {
            throw new IllegalStateException((ownServerOnly ? "" : "no PostgreSQL runs on localhost:5432 and ")
                    + "none can be started here: " + found.whyNot());
        }
        Console.requireFree(ownPort);
        own = found.server();
        own.start();
        console.done();
        return own.jdbcBase();
    }

    /** The server of our own this platform would run (found once: finding it runs a few commands). */
    private PostgresServer.Result ownServer() {
        if (ownFound == null) {
            ownFound = PostgresServer.at(data.resolve("postgres"), ownPort, root.resolve("target/postgres-binaries"));
        }
        return ownFound;
    }
}
