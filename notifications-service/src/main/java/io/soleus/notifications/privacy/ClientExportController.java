package io.soleus.notifications.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClientId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notifications' part of a client's data export: how they are reached, the choices they made, and
 * every message planned for them with how it went (what it said, where it still says it).
 */
@RestController
@Tag(name = "Export", description = "A client's data, for the client or an admin")
class ClientExportController {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ClientExportController(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public record Recipient(String name, String email, String phone, String preferredChannel, boolean remindersConsent,
                            String language) {
    }

    public record Choices(JsonNode channels, Boolean nonEssential, LocalTime quietFrom, LocalTime quietUntil,
                          String language) {
    }

    public record Message(UUID notificationId, String kind, String channel, String status, UUID sessionId, UUID caseId,
                          Instant createdAt, Instant sentAt, String title, String summary) {
    }

    public record NotificationsPart(Instant exportedAt, Recipient recipient, Choices choices, List<Message> messages) {
    }

    @GetMapping("/clients/{clientId}/export")
    @Operation(summary = "Everything notifications holds of a client: how they are reached, their choices, every message")
    NotificationsPart export(@PathVariable ClientId clientId) {
        UUID client = clientId.value();
        Recipient recipient = jdbc.query("""
                SELECT name, email, phone, preferred_channel, reminders_consent, language FROM recipient WHERE client_id = ?""",
                (row, i) -> new Recipient(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5), row.getString(6)), client).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No client " + clientId));
        Choices choices = jdbc.query("""
                SELECT channels::text, non_essential, quiet_from, quiet_until, language FROM preference WHERE client_id = ?""",
                (row, i) -> new Choices(tree(row.getString(1)), (Boolean) row.getObject(2),
                        row.getObject(3, LocalTime.class), row.getObject(4, LocalTime.class), row.getString(5)), client)
                .stream().findFirst().orElse(null);
        List<Message> messages = jdbc.query("""
                SELECT notification_id, kind, channel, status, session_id, case_id, created_at, sent_at, title, summary
                FROM notification WHERE client_id = ? ORDER BY created_at""",
                (row, i) -> new Message(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, UUID.class), row.getObject(6, UUID.class), instant(row.getObject(7, OffsetDateTime.class)),
                        instant(row.getObject(8, OffsetDateTime.class)), row.getString(9), row.getString(10)), client);
        return new NotificationsPart(clock.instant(), recipient, choices, messages);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable channel choices in the preference table", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
