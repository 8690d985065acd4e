package io.soleus.notifications.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.value.Channel;
import io.soleus.notifications.NotificationsProperties;
import io.soleus.notifications.NotificationsProperties.ClinicDefaults;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which channel a message takes and which reminders a clinic sends. The planner asks when it plans
 * a message and the delivery asks again before the first attempt, so a preference changed in
 * between, or a registration read after the booking, still counts.
 */
@Component
public class Channels {

    private final JdbcTemplate jdbc;
    private final ClinicDefaults defaults;

    Channels(JdbcTemplate jdbc, NotificationsProperties properties) {
        this.jdbc = jdbc;
        this.defaults = properties.getClinicDefaults();
    }

    /** A reminder a clinic sends: how long before a session, on which channel unless the client chose. */
    public record Reminder(Kind kind, Duration before, Channel channel) {
    }

    /** The clinic's reminders, or the defaults while its settings have not arrived. */
    public List<Reminder> reminders(UUID clinic) {
        return jdbc.query("""
                SELECT reminder_minutes, reminder_channel, last_reminder_minutes, last_reminder_channel
                FROM clinic WHERE clinic_id = ?""",
                (row, i) -> {
                    List<Reminder> reminders = new ArrayList<>(2);
                    if (row.getObject(1) != null) {
                        reminders.add(new Reminder(Kind.REMINDER, Duration.ofMinutes(row.getInt(1)),
                                Channel.valueOf(row.getString(2))));
                    }
                    if (row.getObject(3) != null) {
                        reminders.add(new Reminder(Kind.LAST_REMINDER, Duration.ofMinutes(row.getInt(3)),
                                Channel.valueOf(row.getString(4))));
                    }
                    return reminders;
                }, clinic).stream().findFirst().orElseGet(() -> List.of(
                        new Reminder(Kind.REMINDER, defaults.getReminder(), defaults.getReminderChannel()),
                        new Reminder(Kind.LAST_REMINDER, defaults.getLastReminder(), defaults.getLastReminderChannel())));
    }

    public Optional<Reminder> reminder(UUID clinic, Kind kind) {
        return reminders(clinic).stream().filter(reminder -> reminder.kind() == kind).findFirst();
    }

    /**
     * The client's choice for the kind, else the clinic's channel for a reminder, else the client's
     * preferred channel; SMS only to a client with a phone number, email otherwise.
     */
    public Channel channelFor(UUID client, Kind kind, UUID clinic) {
        Map<String, Object> who = jdbc.queryForList("""
                SELECT r.preferred_channel, r.phone, p.channels ->> ? AS chosen
                FROM recipient r LEFT JOIN preference p ON p.client_id = r.client_id
                WHERE r.client_id = ?""", kind.choice().name(), client).stream().findFirst().orElse(Map.of());
        String chosen = (String) who.get("chosen");
        Channel clinicChoice = kind.reminder() ? reminder(clinic, kind).map(Reminder::channel).orElse(null) : null;
        Channel channel = chosen != null ? Channel.valueOf(chosen)
                : clinicChoice != null ? clinicChoice
                : who.get("preferred_channel") != null ? Channel.valueOf((String) who.get("preferred_channel"))
                : Channel.EMAIL;
        return channel == Channel.SMS && who.get("phone") == null ? Channel.EMAIL : channel;
    }
}
