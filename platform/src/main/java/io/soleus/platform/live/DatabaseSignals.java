package io.soleus.platform.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells code in this instance that another transaction, in any instance, committed something: a
 * transaction calls {@link #signal} (PostgreSQL's {@code NOTIFY}, delivered only on commit), and
 * every instance hears it on one listening connection of its own. Live pages use it to push what
 * changed; a quiet stream is kept open by the {@code tick} run every few seconds.
 */
public class DatabaseSignals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSignals.class);

    /** The payload every handler receives after the listening connection was lost: something may have changed. */
    public static final String RESYNC = "resync";

    private final DataSource dataSource;
    private final String name;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> ticks = new CopyOnWriteArrayList<>();
    private final long tickNanos;
    private volatile Thread listener;

    public DatabaseSignals(DataSource dataSource, String name, Duration tick) {
        this.dataSource = dataSource;
        this.name = name;
        this.tickNanos = tick.toNanos();
    }

    /**
     * Signals {@code channel} with {@code payload} in the caller's transaction; listeners hear it once
     * the transaction commits, and not at all if it rolls back. PostgreSQL folds identical signals of
     * one transaction into one.
     */
    public static void signal(JdbcTemplate jdbc, String channel, String payload) {
        jdbc.query("SELECT pg_notify(?, ?)", row -> { }, channel, payload);
    }

    /** Calls {@code handler} with the payload of every signal on {@code channel}; register before start. */
    public void on(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Runs {@code tick} every few seconds on the listening thread, e.g. a keep-alive for open streams. */
    public void everyTick(Runnable tick) {
        ticks.add(tick);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, name + "-signals");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = listener;
        listener = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** Runs until stopped; a thread of an earlier start that outlives a restart stops too, as it is no longer the listener. */
    private void listen() {
        boolean missedSome = false;
        while (listener == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                if (missedSome) {
                    // signals sent while the connection was down are lost: now that it listens again, every
                    // handler hears one, to catch up
                    handlers.keySet().forEach(channel -> dispatch(channel, RESYNC));
                    missedSome = false;
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                long lastTick = System.nanoTime();
                while (listener == Thread.currentThread()) {
                    PGNotification[] signals = postgres.getNotifications(1000);
                    if (signals != null) {
                        for (PGNotification signal : signals) {
                            dispatch(signal.getName(), signal.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastTick > tickNanos) {
                        ticks.forEach(DatabaseSignals::quietly);
                        lastTick = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listener == Thread.currentThread()) {
                    log.warn("{}: the listening connection failed; listening again in a second: {}", name,
                            e.getClass().getName());
                    pause();
                    missedSome = true;
                }
            }
        }
    }

    private void dispatch(String channel, String payload) {
        handlers.getOrDefault(channel, List.of()).forEach(handler -> quietly(() -> handler.accept(payload)));
    }

    /** One handler that fails (a database hiccup while reading what changed) must not stop the others. */
    private static void quietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("A signal's handler failed: {}", e.getClass().getName());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
