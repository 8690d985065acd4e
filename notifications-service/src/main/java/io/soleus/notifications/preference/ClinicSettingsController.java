package io.soleus.notifications.preference;

import java.time.Duration;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A clinic's notification settings: its two reminders (how long before a session, on which
 * channel; null switches one off), when the plan check-in goes out, and the late-cancellation
 * policy quoted to a client who cancels late. Staff of the clinic read them; admins change them,
 * for sessions booked from then on.
 */
@RestController
@Tag(name = "Clinic notification settings")
class ClinicSettingsController {

    private static final Duration SHORTEST_REMINDER = Duration.ofMinutes(15);
    private static final Duration LONGEST_REMINDER = Duration.ofDays(7);

    private final JdbcTemplate jdbc;

    ClinicSettingsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Reminder(@NotNull Duration before, @NotNull Channel channel) {
    }

    record Settings(@Valid Reminder reminder, @Valid Reminder lastReminder, @NotNull Duration checkInAfter,
                    @Size(max = 500) String lateCancellationPolicy) {
    }

    @GetMapping("/clinics/{clinicId}/notification-settings")
    @Operation(summary = "A clinic's reminders, plan check-in and late-cancellation policy")
    Settings get(@PathVariable ClinicId clinicId) {
        return jdbc.query("""
                SELECT reminder_minutes, reminder_channel, last_reminder_minutes, last_reminder_channel,
                    check_in_after_days, late_cancellation_policy FROM clinic WHERE clinic_id = ?""",
                (row, i) -> new Settings(reminder((Integer) row.getObject(1), row.getString(2)),
                        reminder((Integer) row.getObject(3), row.getString(4)), Duration.ofDays(row.getInt(5)),
                        row.getString(6)),
                clinicId.value()).stream().findFirst().orElseThrow(() -> new NotFoundException("clinic " + clinicId));
    }

    @PutMapping("/clinics/{clinicId}/notification-settings")
    @Operation(summary = "Change a clinic's reminders, plan check-in and late-cancellation policy")
    Settings put(@PathVariable ClinicId clinicId, @Valid @RequestBody Settings settings) {
        check("reminder.before", settings.reminder());
        check("lastReminder.before", settings.lastReminder());
        if (settings.checkInAfter().toDays() < 1 || settings.checkInAfter().toDays() > 30
                || !settings.checkInAfter().equals(Duration.ofDays(settings.checkInAfter().toDays()))) {
            throw new InvalidValueException("checkInAfter", "checkInAfter is whole days, from P1D to P30D");
        }
        int updated = jdbc.update("""
                UPDATE clinic SET reminder_minutes = ?, reminder_channel = COALESCE(?, reminder_channel),
                    last_reminder_minutes = ?, last_reminder_channel = COALESCE(?, last_reminder_channel),
                    check_in_after_days = ?, late_cancellation_policy = ?
                WHERE clinic_id = ?""",
                minutes(settings.reminder()), channel(settings.reminder()), minutes(settings.lastReminder()),
                channel(settings.lastReminder()), (int) settings.checkInAfter().toDays(),
                settings.lateCancellationPolicy() == null || settings.lateCancellationPolicy().isBlank()
                        ? null : settings.lateCancellationPolicy().strip(),
                clinicId.value());
        if (updated == 0) {
            throw new NotFoundException("clinic " + clinicId);
        }
        return get(clinicId);
    }

    private static void check(String field, Reminder reminder) {
        if (reminder != null && (reminder.before().compareTo(SHORTEST_REMINDER) < 0
                || reminder.before().compareTo(LONGEST_REMINDER) > 0)) {
            throw new InvalidValueException(field, field + " is from PT15M to P7D");
        }
    }

    private static Reminder reminder(Integer minutes, String channel) {
        return minutes == null ? null : new Reminder(Duration.ofMinutes(minutes), Channel.valueOf(channel));
    }

    private static Integer minutes(Reminder reminder) {
        return reminder == null ? null : (int) reminder.before().toMinutes();
    }

    private static String channel(Reminder reminder) {
        return reminder == null ? null : reminder.channel().name();
    }
}
