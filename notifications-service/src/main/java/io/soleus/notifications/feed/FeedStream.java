package io.soleus.notifications.feed;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import javax.sql.DataSource;

import io.soleus.notifications.NotificationsProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live side of the feed. A delivery that commits sends {@code NOTIFY soleus_feed} with the
 * client and notification id; every instance listens on one connection of its own and pushes the
 * new item to the server-sent-events streams of that client it holds. So a client connected to one
 * instance hears of a message another instance delivered, and only after it is committed.
 */
@Component
class FeedStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedStream.class);
    private static final long KEEP_ALIVE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);

    private final DataSource dataSource;
    private final Feed feed;
    private final long timeoutMillis;
    private final Map<UUID, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private volatile Thread listener;

    FeedStream(DataSource dataSource, Feed feed, NotificationsProperties properties) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.timeoutMillis = properties.getFeedStreamTimeout().toMillis();
    }

    SseEmitter open(UUID client) {
        SseEmitter emitter = new SseEmitter(timeoutMillis);
        Set<SseEmitter> own = streams.computeIfAbsent(client, c -> new CopyOnWriteArraySet<>());
        own.add(emitter);
        Runnable remove = () -> own.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            // tells the browser (and a test) the stream is live before the first message arrives
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, "feed-listener");
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
        streams.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private void listen() {
        while (listener != null) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN soleus_feed");
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                long lastKeepAlive = System.nanoTime();
                while (listener != null) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            push(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastKeepAlive > KEEP_ALIVE_NANOS) {
                        keepAlive();
                        lastKeepAlive = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listener != null) {
                    log.warn("The feed's listening connection failed; listening again in a second: {}",
                            e.getClass().getName());
                    pause();
                }
            }
        }
    }

    private void push(String payload) {
        try {
            String[] ids = payload.split(" ");
            Set<SseEmitter> emitters = streams.get(UUID.fromString(ids[0]));
            if (emitters == null || emitters.isEmpty()) {
                return;
            }
            feed.item(UUID.fromString(ids[1])).ifPresent(item -> emitters.forEach(emitter -> send(emitters, emitter,
                    SseEmitter.event().id(item.id().toString()).name("notification").data(item, MediaType.APPLICATION_JSON))));
        } catch (RuntimeException e) {
            // one message that cannot be pushed (a database hiccup) must not end the stream for everyone
            log.warn("A feed message could not be pushed: {}", e.getClass().getName());
        }
    }

    /** A comment now and then keeps proxies from closing a quiet stream. */
    private void keepAlive() {
        streams.values().removeIf(Set::isEmpty);
        streams.values().forEach(emitters -> emitters.forEach(emitter ->
                send(emitters, emitter, SseEmitter.event().comment("keep-alive"))));
    }

    private static void send(Set<SseEmitter> emitters, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            emitters.remove(emitter);
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
