package io.soleus.platform.kafka;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the inbox of applied event ids bounded. Copies of an event arrive within minutes of it (a
 * publisher re-sending a batch, a segment re-reading after a restart), so ids older than the
 * retention are no longer needed; a reset clears a group's ids anyway.
 */
public class KafkaInboxPruner {

    private final JdbcTemplate jdbc;
    private final Duration retention;

    public KafkaInboxPruner(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** Removes ids applied longer ago than the retention; answers how many. */
    @Scheduled(fixedDelayString = "${soleus.kafka.inbox-prune-interval:PT1H}", initialDelayString = "PT1M")
    public int prune() {
        return jdbc.update("DELETE FROM kafka_inbox WHERE applied_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
