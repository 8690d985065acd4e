package io.soleus.platform.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.AboutClient;
import io.soleus.platform.command.ActorOnCommands;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Projects every event of a client's record into the audit trail: the change (the event's name),
 * the record it changed (its aggregate), when, and the actor the command carried; entries of one
 * instant keep the store's order. An event that names no client belongs to the client of its
 * aggregate, if an earlier event named one; events of no client's record (a clinic's hours) and
 * {@link Bookkeeping} are left out. A processor's batch is written in three statements at its commit (records, entries that name
 * their client, entries that take their record's), not row by row. Applying an event twice changes
 * nothing.
 */
public class AuditTrail implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "audit";
    private static final String BATCH = AuditTrail.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of one batch, written together when it commits. */
    private final class Batch {
        final List<Object[]> records = new ArrayList<>();
        final List<Object[]> named = new ArrayList<>();
        final List<Object[]> ofRecord = new ArrayList<>();

        void write() {
            if (!records.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO audit_record (record_id, client_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        records);
            }
            if (!named.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO audit_entry (event_id, client_id, occurred_at, position, change, record_id, actor, actor_roles)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", named);
            }
            if (!ofRecord.isEmpty()) {
                // after the records: a later event of a record first seen in this batch finds it
                jdbc.batchUpdate("""
                        INSERT INTO audit_entry (event_id, client_id, occurred_at, position, change, record_id, actor, actor_roles)
                        SELECT ?, client_id, ?, ?, ?, record_id, ?, ? FROM audit_record WHERE record_id = ?
                        ON CONFLICT DO NOTHING""", ofRecord);
            }
        }
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (event.getPayloadType().isAnnotationPresent(Bookkeeping.class)) {
            return null;
        }
        String record = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        String change = event.getPayloadType().getSimpleName();
        Timestamp at = Timestamp.from(actedAt(event));
        long position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().orElse(-1) : -1;
        Object actor = event.getMetaData().get(ActorOnCommands.ACTOR);
        Object roles = event.getMetaData().get(ActorOnCommands.ACTOR_ROLES);
        boolean inBatch = CurrentUnitOfWork.isStarted();
        Batch batch = inBatch ? batchOfThisUnitOfWork() : new Batch();
        if (event.getPayload() instanceof AboutClient about) {
            UUID client = about.clientId().value();
            if (record != null) {
                batch.records.add(new Object[] {record, client});
            }
            batch.named.add(new Object[] {event.getIdentifier(), client, at, position, change, record, actor, roles});
        } else if (record != null) {
            batch.ofRecord.add(new Object[] {event.getIdentifier(), at, position, change, actor, roles, record});
        }
        if (!inBatch) {
            batch.write();
        }
        return null;
    }

    /** The batch of the processor's unit of work, written as it commits. */
    private Batch batchOfThisUnitOfWork() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> batch.write());
            return batch;
        });
    }

    /** When the command was sent by the service's clock; for an event no request caused, when it was stored. */
    private static Instant actedAt(EventMessage<?> event) {
        Object actedAt = event.getMetaData().get(ActorOnCommands.ACTED_AT);
        return actedAt instanceof String text ? Instant.parse(text) : event.getTimestamp();
    }

    @Override
    public boolean supportsReset() {
        return true;
    }

    @Override
    public void prepareReset() {
        jdbc.update("DELETE FROM audit_entry");
        jdbc.update("DELETE FROM audit_record");
    }
}
