package io.soleus.notifications.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.crypto.ClientKeys;
import io.soleus.platform.tracing.Traces;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The notification rows and their delivery tasks, always changed together in the caller's
 * transaction: a notification is inserted at most once per (event, kind), and only an
 * inserted one gets a db-scheduler task, named by its id, due when the message is.
 */
@Component
public class Notifications {

    /** The db-scheduler task that delivers one notification; its instance id is the notification id. */
    public static final TaskDescriptor<Void> DELIVER = TaskDescriptor.of("deliver-notification");

    private static final List<String> PENDING = List.of(Status.SCHEDULED.name(), Status.RETRYING.name());

    private final JdbcTemplate jdbc;
    private final SchedulerClient scheduler;
    private final Channels channels;
    private final ObjectMapper json;
    private final Clock clock;
    private final Traces traces;
    private final ClientKeys keys;

    Notifications(JdbcTemplate jdbc, SchedulerClient scheduler, Channels channels, ObjectMapper json, Clock clock,
                  Traces traces, ClientKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.channels = channels;
        this.json = json;
        this.clock = clock;
        this.traces = traces;
    }

    /** What one message is about; the ids that do not apply are null. */
    public record Subject(UUID clientId, UUID clinicId, UUID sessionId, UUID caseId, UUID planId, Integer planRevision) {

        public static Subject session(UUID clientId, UUID clinicId, UUID sessionId) {
            return new Subject(clientId, clinicId, sessionId, null, null, null);
        }

        public static Subject care(UUID clientId, UUID clinicId, UUID caseId, UUID planId, Integer planRevision) {
            return new Subject(clientId, clinicId, null, caseId, planId, planRevision);
        }
    }

    /**
     * Plans a message on the channel it would take now (the delivery asks again before its first
     * attempt); false when this event already planned one of this kind (a re-sent event, a replay,
     * another instance).
     */
    public boolean plan(String sourceEventId, Kind kind, Subject subject, Map<String, ?> facts, Instant due) {
        if (keys.forgotten(new ClientId(subject.clientId()))) {
            return false; // a forgotten client is sent nothing more
        }
        UUID id = UUID.randomUUID();
        Channel channel = channels.channelFor(subject.clientId(), kind, subject.clinicId());
        int inserted = jdbc.update("""
                INSERT INTO notification (notification_id, source_event_id, kind, channel, client_id, clinic_id,
                    session_id, case_id, plan_id, plan_revision, facts, status, due_at, created_at, traceparent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'SCHEDULED', ?, ?, ?)
                ON CONFLICT (source_event_id, kind) DO NOTHING""",
                id, sourceEventId, kind.name(), channel.name(), subject.clientId(), subject.clinicId(),
                subject.sessionId(), subject.caseId(), subject.planId(), subject.planRevision(), write(facts),
                utc(due), utc(clock.instant()), traces.current().orElse(null));
        if (inserted == 1) {
            scheduler.scheduleIfNotExists(DELIVER.instance(id.toString()).scheduledTo(due));
        }
        return inserted == 1;
    }

    /** The pending notification of a kind for a session, if one is still waiting to go out. */
    public List<UUID> pending(UUID sessionId, Kind kind) {
        return jdbc.queryForList("""
                SELECT notification_id FROM notification
                WHERE session_id = ? AND kind = ? AND status IN ('SCHEDULED', 'RETRYING')""",
                UUID.class, sessionId, kind.name());
    }

    /** Moves a waiting notification to a new time. */
    public void move(UUID notificationId, Instant due) {
        jdbc.update("UPDATE notification SET due_at = ? WHERE notification_id = ? AND status IN ('SCHEDULED', 'RETRYING')",
                utc(due), notificationId);
        try {
            scheduler.reschedule(DELIVER.instanceId(notificationId.toString()), due);
        } catch (TaskInstanceException running) {
            // a delivery running right now cannot be moved: it reads the new due time under the row's lock and waits
        }
    }

    /**
     * A forgotten client: nothing still waiting goes out, and what went out keeps its kind, channel and
     * times in the log but loses what it said (facts, title, summary).
     */
    public void forget(UUID clientId) {
        cancelPending("client_id", clientId, List.of(Kind.values()));
        jdbc.update("UPDATE notification SET facts = '{}', title = NULL, summary = NULL WHERE client_id = ?", clientId);
    }

    /** Cancels what is still waiting of some kinds for a session or a case; what went out stays in the log. */
    public void cancelPending(String column, UUID id, List<Kind> kinds) {
        cancelPendingWhere(column + " = ?", id, kinds);
    }

    /** Cancels the messages of {@code kinds} still waiting to be sent about a course. */
    public void cancelPendingOfCourse(UUID series, List<Kind> kinds) {
        cancelPendingWhere("facts ->> 'seriesId' = ?", series.toString(), kinds);
    }

    private void cancelPendingWhere(String condition, Object value, List<Kind> kinds) {
        List<UUID> cancelled = jdbc.queryForList("""
                UPDATE notification SET status = 'CANCELLED'
                WHERE %s AND kind = ANY (?) AND status = ANY (?) RETURNING notification_id""".formatted(condition),
                UUID.class, value, kinds.stream().map(Kind::name).toArray(String[]::new), PENDING.toArray(String[]::new));
        // the task would find the notification cancelled anyway; removing it keeps the scheduler's table small
        for (UUID notification : cancelled) {
            try {
                scheduler.cancel(DELIVER.instanceId(notification.toString()));
            } catch (TaskInstanceException running) {
                // running right now: it finds the notification cancelled
            }
        }
    }

    /** Due again now, after an admin asked for a dead letter to be retried. */
    public boolean retry(UUID notificationId) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                UPDATE notification SET status = 'RETRYING', due_at = ?, last_error = NULL
                WHERE notification_id = ? AND status IN ('FAILED', 'UNCERTAIN')""", utc(now), notificationId);
        if (updated == 1 && !scheduler.scheduleIfNotExists(DELIVER.instance(notificationId.toString()).scheduledTo(now))) {
            // the last run's task is still being cleared away: bring it forward instead
            try {
                scheduler.reschedule(DELIVER.instanceId(notificationId.toString()), now);
            } catch (TaskInstanceException stillRunning) {
                throw new RuleViolationException("delivery-still-running",
                        "The last delivery attempt is still finishing; try again in a moment");
            }
        }
        return updated == 1;
    }

    private String write(Map<String, ?> facts) {
        try {
            return json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Facts of a notification must be plain values", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
