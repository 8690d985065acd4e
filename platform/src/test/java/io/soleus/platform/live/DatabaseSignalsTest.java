package io.soleus.platform.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.soleus.platform.test.SoleusInfrastructure;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Signals from another connection's commit, and what a listener hears when its connection is cut. */
@ExtendWith(SoleusInfrastructureExtension.class)
class DatabaseSignalsTest {

    private static final String CHANNEL = "soleus_signals_test";

    private static DriverManagerDataSource dataSource;
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private JdbcTemplate jdbc;
    private DatabaseSignals signals;

    @BeforeAll
    static void database() {
        SoleusInfrastructure.Database database = SoleusInfrastructure.get().newDatabase("signals");
        dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    }

    @BeforeEach
    void listen() {
        jdbc = new JdbcTemplate(dataSource);
        signals = new DatabaseSignals(dataSource, "test", Duration.ofSeconds(5));
        signals.on(CHANNEL, heard::add);
        signals.start();
        awaitListening();
    }

    @AfterEach
    void stop() {
        signals.stop();
        // the listener notices within a second; the next test counts LISTEN connections
        await().atMost(Duration.ofSeconds(10)).until(() -> listening() == 0);
    }

    @Test
    void a_committed_signal_is_heard_with_its_payload() {
        DatabaseSignals.signal(jdbc, CHANNEL, "client-1 message-7");

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("client-1 message-7"));
    }

    @Test
    void after_its_connection_is_cut_the_listener_hears_resync_once_it_listens_again_and_then_new_signals() {
        int terminated = jdbc.queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND datname = current_database() AND query ILIKE 'LISTEN%'""", Integer.class);
        assertThat(terminated).as("the listening connection was found and cut").isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> heard.contains(DatabaseSignals.RESYNC));
        awaitListening();
        DatabaseSignals.signal(jdbc, CHANNEL, "after");

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("after"));
        assertThat(heard).containsSubsequence(DatabaseSignals.RESYNC, "after");
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(15)).until(() -> listening() == 1);
    }

    /** Connections to this database whose last statement was LISTEN: the listener's, until it is cut or closed. */
    private int listening() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND datname = current_database() AND query ILIKE 'LISTEN%'""", Integer.class);
    }
}
