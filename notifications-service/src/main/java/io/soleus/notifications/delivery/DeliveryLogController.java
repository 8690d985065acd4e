package io.soleus.notifications.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import io.soleus.notifications.planning.Kind;
import io.soleus.notifications.planning.Notifications;
import io.soleus.notifications.planning.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery log for admins: every notification's status, attempts, provider id, last error and
 * times, filtered and newest first; the dead letters ({@code FAILED}, {@code UNCERTAIN}); a retry.
 * Messages are not shown here, only what happened to them.
 */
@RestController
@Validated
@Tag(name = "Delivery log")
class DeliveryLogController {

    private static final String COLUMNS = """
            notification_id, kind, channel, status, client_id, clinic_id, session_id, case_id, attempts, provider_id,
            last_error, created_at, due_at, last_attempt_at, sent_at""";

    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    DeliveryLogController(JdbcTemplate jdbc, Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    record DeliveryRecord(UUID id, Kind kind, Channel channel, Status status, UUID clientId, UUID clinicId,
                          UUID sessionId, UUID caseId, int attempts, String providerId, String lastError,
                          Instant createdAt, Instant dueAt, Instant lastAttemptAt, Instant sentAt) {
    }

    @GetMapping("/admin/deliveries")
    @Operation(summary = "Notifications and how their delivery went, newest first, filtered by any of the parameters")
    List<DeliveryRecord> list(@RequestParam(required = false) Status status, @RequestParam(required = false) Kind kind,
                              @RequestParam(required = false) Channel channel,
                              @RequestParam(required = false) ClientId clientId,
                              @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> arguments = new ArrayList<>();
        filter(where, arguments, "status", status == null ? null : status.name());
        filter(where, arguments, "kind", kind == null ? null : kind.name());
        filter(where, arguments, "channel", channel == null ? null : channel.name());
        filter(where, arguments, "client_id", clientId == null ? null : clientId.value());
        arguments.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE " + where
                + " ORDER BY created_at DESC, notification_id LIMIT ?", DeliveryLogController::record, arguments.toArray());
    }

    @GetMapping("/admin/deliveries/dead-letters")
    @Operation(summary = "Notifications that failed for good or may not have gone out: what an admin may retry")
    List<DeliveryRecord> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE status IN ('FAILED', 'UNCERTAIN')"
                + " ORDER BY created_at DESC LIMIT ?", DeliveryLogController::record, limit);
    }

    @GetMapping("/admin/deliveries/summary")
    @Operation(summary = "How many notifications stand in each status")
    Map<String, Long> summary() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, count(*) FROM notification GROUP BY status",
                row -> { counts.put(row.getString(1), row.getLong(2)); });
        return counts;
    }

    @GetMapping("/admin/deliveries/{id}")
    @Operation(summary = "One notification's delivery")
    DeliveryRecord one(@PathVariable UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification WHERE notification_id = ?",
                DeliveryLogController::record, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("notification " + id));
    }

    @PostMapping("/admin/deliveries/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    @Operation(summary = "Send a dead letter again, now")
    DeliveryRecord retry(@PathVariable UUID id) {
        DeliveryRecord record = one(id);
        if (!notifications.retry(id)) {
            throw new RuleViolationException("only-dead-letters-are-retried",
                    "Only a failed or uncertain notification can be retried; this one is " + record.status());
        }
        return one(id);
    }

    private static void filter(StringBuilder where, List<Object> arguments, String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            arguments.add(value);
        }
    }

    private static DeliveryRecord record(ResultSet row, int i) throws SQLException {
        return new DeliveryRecord(row.getObject(1, UUID.class), Kind.valueOf(row.getString(2)),
                Channel.valueOf(row.getString(3)), Status.valueOf(row.getString(4)), row.getObject(5, UUID.class),
                row.getObject(6, UUID.class), row.getObject(7, UUID.class), row.getObject(8, UUID.class),
                row.getInt(9), row.getString(10), row.getString(11), instant(row, 12), instant(row, 13),
                instant(row, 14), instant(row, 15));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
