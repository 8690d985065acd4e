package io.soleus.notifications.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A client's feed, newest first, read from the notifications that went out. */
@Component
class Feed {

    private static final String COLUMNS = "notification_id, kind, channel, title, summary, sent_at";

    private final JdbcTemplate jdbc;

    Feed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<FeedItem> of(UUID client, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE client_id = ? AND status = 'SENT'"
                + " ORDER BY sent_at DESC LIMIT ?", Feed::item, client, limit);
    }

    /** What a reader that has everything up to {@code since} missed, oldest first; at most {@code limit}. */
    List<FeedItem> since(UUID client, Instant since, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE client_id = ? AND status = 'SENT'"
                + " AND sent_at > ? ORDER BY sent_at LIMIT ?", Feed::item, client, since.atOffset(ZoneOffset.UTC), limit);
    }

    /** When a message of {@code client} was sent, if it was. */
    Optional<Instant> sentAt(UUID client, UUID notification) {
        return jdbc.queryForList("SELECT sent_at FROM notification WHERE client_id = ? AND notification_id = ?"
                + " AND status = 'SENT'", OffsetDateTime.class, client, notification).stream()
                .map(OffsetDateTime::toInstant).findFirst();
    }

    Optional<FeedItem> item(UUID notification) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE notification_id = ? AND status = 'SENT'",
                Feed::item, notification).stream().findFirst();
    }

    private static FeedItem item(ResultSet row, int i) throws SQLException {
        return new FeedItem(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getObject(6, OffsetDateTime.class).toInstant());
    }
}
