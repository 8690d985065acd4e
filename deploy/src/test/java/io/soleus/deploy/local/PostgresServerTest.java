package io.soleus.deploy.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL server of our own that the local platform falls back to and the system tests crash:
 * it starts from the installed binaries or the bundled ones (as the postgres user when run as root),
 * recovers from a crash keeping what was committed, and keeps its cluster through a clean stop.
 */
class PostgresServerTest {

    private final Path home = Path.of("target/postgres-server-test").toAbsolutePath();
    private final Path binaries = Path.of("target/postgres-binaries").toAbsolutePath();
    private PostgresServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            server.deleteData();
        }
    }

    @Test
    void a_crash_is_recovered_from_the_write_ahead_log_keeping_what_was_committed() throws Exception {
        start(PostgresServer.at(home, Ports.freePort(), binaries));
        try (Connection connection = connect()) {
            connection.createStatement().execute("CREATE TABLE visit (id INTEGER PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO visit VALUES (1)");
        }
        try (Connection open = connect()) {
            open.setAutoCommit(false);
            open.createStatement().execute("INSERT INTO visit VALUES (2)");

            server.crash();
            assertThatThrownBy(() -> open.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
        server.start();

        assertThat(Files.readString(server.home().resolve("server.log"))).as("the restart recovered from a crash")
                .contains("database system was not properly shut down; automatic recovery in progress");
        try (Connection connection = connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM visit ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.next()).as("the uncommitted row").isFalse();
        }
    }

    @Test
    void the_bundled_binaries_run_where_none_are_installed_and_a_clean_stop_keeps_the_cluster() throws Exception {
        start(PostgresServer.bundled(home, Ports.freePort(), binaries));
        try (Connection connection = connect();
             ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).as("the bundled PostgreSQL").startsWith("17.");
            connection.createStatement().execute("CREATE DATABASE soleus_kept");
        }
        server.stop();
        assertThat(server.running()).isFalse();
        assertThatThrownBy(this::connect).isInstanceOf(SQLException.class);
        server.start();
        try (Connection connection = DriverManager.getConnection(server.jdbcBase() + "soleus_kept", "postgres", "")) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThat(Files.readString(server.home().resolve("server.log"))).doesNotContain("automatic recovery in progress");
    }

    private void start(PostgresServer.Result found) {
        assertThat(found.whyNot()).isNull();
        server = found.server();
        server.deleteData();
        server.start();
        assertThat(server.running()).isTrue();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcBase() + "postgres", "postgres", "");
    }
}
