package io.soleus.bench;

import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionRescheduled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The projection the benchmark feeds from Kafka: one upsert per event, like a typical read model. */
@Component
@ProcessingGroup("bench-feed")
class SessionCountProjection {

    static final String UPSERT = """
            INSERT INTO %s (session_id, events, last_sequence) VALUES (?, 1, ?)
            ON CONFLICT (session_id) DO UPDATE SET events = %1$s.events + 1, last_sequence = EXCLUDED.last_sequence""";

    private final JdbcTemplate jdbc;

    SessionCountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionBooked event, DomainEventMessage<?> message) {
        jdbc.update(UPSERT.formatted("bench_session"), event.sessionId().toString(), message.getSequenceNumber());
    }

    @EventHandler
    void on(SessionRescheduled event, DomainEventMessage<?> message) {
        jdbc.update(UPSERT.formatted("bench_session"), event.sessionId().toString(), message.getSequenceNumber());
    }
}
