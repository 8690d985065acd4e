package io.soleus.notifications.preference;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import io.soleus.notifications.NotificationsProperties;
import io.soleus.notifications.planning.Kind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's choices: the channel per kind of message, whether non-essential messages (reminders,
 * check-ins, no-show follow-ups) come at all, quiet hours for SMS in the clinic's time zone, and the
 * language. The client and admins only; choices apply to messages sent from then on.
 */
@RestController
@Tag(name = "Preferences")
class PreferenceController {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final NotificationsProperties properties;

    PreferenceController(JdbcTemplate jdbc, ObjectMapper json, NotificationsProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /** Quiet hours, local to the clinic; equal times mean none. */
    record QuietHours(@NotNull LocalTime from, @NotNull LocalTime until) {
    }

    record Preferences(@NotNull Map<Kind, Channel> channels, boolean nonEssential, @Valid @NotNull QuietHours quietHours,
                       @NotNull @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "a language tag such as en or en-GB")
                       String language) {
    }

    @GetMapping("/clients/{clientId}/notification-preferences")
    @Operation(summary = "A client's notification preferences (defaults until changed)")
    Preferences get(@PathVariable ClientId clientId) {
        return jdbc.query("""
                SELECT p.channels::text, COALESCE(p.non_essential, TRUE), p.quiet_from, p.quiet_until,
                    COALESCE(p.language, r.language)
                FROM recipient r LEFT JOIN preference p ON p.client_id = r.client_id WHERE r.client_id = ?""",
                (row, i) -> new Preferences(channels(row.getString(1)), row.getBoolean(2),
                        new QuietHours(orDefault(row.getObject(3, LocalTime.class), properties.getQuietFrom()),
                                orDefault(row.getObject(4, LocalTime.class), properties.getQuietUntil())),
                        row.getString(5)),
                clientId.value()).stream().findFirst().orElseThrow(() -> new NotFoundException("client " + clientId));
    }

    @PutMapping("/clients/{clientId}/notification-preferences")
    @Transactional
    @Operation(summary = "Change a client's notification preferences")
    Preferences put(@PathVariable ClientId clientId, @Valid @RequestBody Preferences preferences)
            throws JsonProcessingException {
        String phone = jdbc.query("SELECT coalesce(phone, '') FROM recipient WHERE client_id = ?",
                (row, i) -> row.getString(1), clientId.value()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("client " + clientId));
        if (phone.isEmpty() && preferences.channels().containsValue(Channel.SMS)) {
            throw new RuleViolationException("sms-needs-a-phone-number",
                    "SMS can be chosen once the client has a phone number");
        }
        jdbc.update("""
                INSERT INTO preference (client_id, channels, non_essential, quiet_from, quiet_until, language)
                VALUES (?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET channels = excluded.channels,
                    non_essential = excluded.non_essential, quiet_from = excluded.quiet_from,
                    quiet_until = excluded.quiet_until, language = excluded.language""",
                clientId.value(), json.writeValueAsString(preferences.channels()), preferences.nonEssential(),
                preferences.quietHours().from(), preferences.quietHours().until(), preferences.language());
        return preferences;
    }

    private Map<Kind, Channel> channels(String stored) {
        if (stored == null) {
            return new EnumMap<>(Kind.class);
        }
        try {
            return json.readValue(stored, new TypeReference<EnumMap<Kind, Channel>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored channel choices no longer read", e);
        }
    }

    private static LocalTime orDefault(LocalTime value, LocalTime fallback) {
        return value != null ? value : fallback;
    }
}
