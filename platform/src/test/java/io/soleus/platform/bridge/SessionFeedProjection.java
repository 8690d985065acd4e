package io.soleus.platform.bridge;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.platform.tracing.TracedHandling;
import io.soleus.platform.tracing.Traces;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Booking events as they arrive from Kafka, counted per session. Counts are increments on purpose:
 * an event applied twice shows as a wrong count, and one out of order as {@code out_of_order}.
 */
@Component
@ProcessingGroup("booking-feed")
class SessionFeedProjection {

    private final JdbcTemplate jdbc;
    private final String instance;
    /** Sessions whose events fail, to play a poison event; cleared to play the fix. */
    final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    /** Batches left to crash after their changes were written and before they commit. */
    final AtomicInteger crashesBeforeCommit = new AtomicInteger();
    /** The trace each session's last event was handled in ({@code traceparent}), or "" for none. */
    final Map<String, String> traceOf = new ConcurrentHashMap<>();
    /** The correlation id the log carried while each session's last event was handled, or "" for none. */
    final Map<String, String> loggedCorrelationOf = new ConcurrentHashMap<>();
    /** The reason each session's cancellation arrived with, as this handler read it. */
    final Map<String, String> reasonOf = new ConcurrentHashMap<>();
    private final Traces traces;

    SessionFeedProjection(JdbcTemplate jdbc, @Value("${soleus.test.instance}") String instance, Traces traces) {
        this.jdbc = jdbc;
        this.instance = instance;
        this.traces = traces;
    }

    @EventHandler
    void on(SessionBooked event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "booked", message);
    }

    @EventHandler
    void on(SessionNotes.NotedV1 event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "noted", message);
    }

    @EventHandler
    void on(SessionNotes.NotedV2 event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "noted by " + event.author(), message);
    }

    @EventHandler
    void on(SessionRescheduled event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "rescheduled", message);
    }

    @EventHandler
    void on(SessionAttended event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "attended", message);
    }

    @EventHandler
    void on(SessionCancelled event, DomainEventMessage<?> message) {
        apply(event.sessionId().toString(), "cancelled", message);
        reasonOf.put(event.sessionId().toString(), event.reason());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM bridge_session");
        jdbc.update("DELETE FROM bridge_handled_event");
    }

    private void apply(String sessionId, String type, DomainEventMessage<?> message) {
        if (poisoned.contains(sessionId)) {
            throw new IllegalStateException("poisoned session " + sessionId);
        }
        jdbc.update("""
                INSERT INTO bridge_session (session_id, events, last_sequence, out_of_order, last_type)
                VALUES (?, 1, ?, CASE WHEN ? = 0 THEN 0 ELSE 1 END, ?)
                ON CONFLICT (session_id) DO UPDATE SET
                    events = bridge_session.events + 1,
                    out_of_order = bridge_session.out_of_order
                        + CASE WHEN EXCLUDED.last_sequence = bridge_session.last_sequence + 1 THEN 0 ELSE 1 END,
                    last_sequence = EXCLUDED.last_sequence,
                    last_type = EXCLUDED.last_type""",
                sessionId, message.getSequenceNumber(), message.getSequenceNumber(), type);
        traceOf.put(sessionId, traces.current().orElse(""));
        loggedCorrelationOf.put(sessionId, Objects.requireNonNullElse(MDC.get(TracedHandling.CORRELATION_ID), ""));
        jdbc.update("INSERT INTO bridge_handled_event (event_id, session_id, sequence, instance) VALUES (?, ?, ?, ?)",
                message.getIdentifier(), sessionId, message.getSequenceNumber(), instance);
        if (crashesBeforeCommit.get() > 0) {
            CurrentUnitOfWork.get().root().onPrepareCommit(u -> {
                if (crashesBeforeCommit.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    throw new SimulatedCrash("consumer died before its batch committed");
                }
            });
        }
    }
}
