package io.soleus.notifications.feed;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.soleus.notifications.NotificationsProperties;
import io.soleus.platform.live.DatabaseSignals;
import io.soleus.platform.live.SignalledStreams;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live side of the feed. A delivery that commits signals {@value #CHANNEL} with the client and
 * notification id; every instance hears it and pushes the new item to the server-sent-events streams
 * of that client it holds. So a client connected to one instance hears of a message another instance
 * delivered, and only after it is committed.
 *
 * <p>A stream opened with a position (the newest message the reader has, or a time) first receives
 * what was sent after it, so nothing falls between a page's read of the feed and its stream opening,
 * or between a dropped stream and its reconnection. A message may arrive twice around that moment;
 * each carries its id as the event's id for the reader to recognise it.
 */
@Component
class FeedStream extends SignalledStreams<UUID> {

    static final String CHANNEL = "soleus_feed";
    /** The most a reconnecting stream catches up on; a reader further behind reloads the feed. */
    private static final int CATCH_UP = 50;

    private final Feed feed;

    FeedStream(DataSource dataSource, Feed feed, NotificationsProperties properties) {
        super(dataSource, "feed", properties.getFeedStreamTimeout());
        this.feed = feed;
        signals.on(CHANNEL, this::push);
    }

    /** A client's live feed; with {@code since}, beginning with the messages sent after it. */
    SseEmitter open(UUID client, Optional<Instant> since) {
        // opened before the catch-up is read: a message committed in between is pushed, read, or both
        SseEmitter emitter = streams.open(client);
        since.ifPresent(position -> feed.since(client, position, CATCH_UP)
                .forEach(item -> streams.send(client, emitter, event(item))));
        return emitter;
    }

    /** The position of a reader whose newest message is {@code notification}; empty if there is no such message. */
    Optional<Instant> positionOf(UUID client, UUID notification) {
        return feed.sentAt(client, notification);
    }

    private void push(String payload) {
        if (DatabaseSignals.RESYNC.equals(payload)) {
            // what went by unheard is unknown here: every stream closes, and its reader reconnects from its position
            streams.closeAll();
            return;
        }
        String[] ids = payload.split(" ");
        UUID client = UUID.fromString(ids[0]);
        if (!streams.anyOpen(client)) {
            return;
        }
        feed.item(UUID.fromString(ids[1])).ifPresent(item -> streams.send(client, () -> event(item)));
    }

    private static SseEmitter.SseEventBuilder event(FeedItem item) {
        return SseEmitter.event().id(item.id().toString()).name("notification").data(item, MediaType.APPLICATION_JSON);
    }
}
