package io.soleus.notifications.feed;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.soleus.notifications.NotificationsProperties;
import io.soleus.platform.live.DatabaseSignals;
import io.soleus.platform.live.LiveStreams;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live side of the feed. A delivery that commits signals {@value #CHANNEL} with the client and
 * notification id; every instance hears it and pushes the new item to the server-sent-events streams
 * of that client it holds. So a client connected to one instance hears of a message another instance
 * delivered, and only after it is committed.
 */
@Component
class FeedStream implements SmartLifecycle {

    static final String CHANNEL = "soleus_feed";

    private final Feed feed;
    private final LiveStreams<UUID> streams;
    private final DatabaseSignals signals;

    FeedStream(DataSource dataSource, Feed feed, NotificationsProperties properties) {
        this.feed = feed;
        this.streams = new LiveStreams<>(properties.getFeedStreamTimeout());
        this.signals = new DatabaseSignals(dataSource, "feed", Duration.ofSeconds(20));
        signals.on(CHANNEL, this::push);
        signals.everyTick(streams::keepAlive);
    }

    SseEmitter open(UUID client) {
        return streams.open(client);
    }

    private void push(String payload) {
        String[] ids = payload.split(" ");
        UUID client = UUID.fromString(ids[0]);
        if (!streams.anyOpen(client)) {
            return;
        }
        feed.item(UUID.fromString(ids[1])).ifPresent(item -> streams.send(client, () -> SseEmitter.event()
                .id(item.id().toString()).name("notification").data(item, MediaType.APPLICATION_JSON)));
    }

    @Override
    public void start() {
        signals.start();
    }

    @Override
    public void stop() {
        signals.stop();
        streams.closeAll();
    }

    @Override
    public boolean isRunning() {
        return signals.isRunning();
    }
}
