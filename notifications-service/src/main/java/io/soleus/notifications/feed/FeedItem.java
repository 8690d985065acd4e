package io.soleus.notifications.feed;

import java.time.Instant;
import java.util.UUID;

/** One message in a client's feed: every message the practice sent them, whatever the channel. */
public record FeedItem(UUID id, String kind, String channel, String title, String text, Instant sentAt) {
}
