package io.soleus.notifications.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.soleus.kernel.value.Channel;
import io.soleus.notifications.NotificationsProperties;
import io.soleus.notifications.planning.Channels;
import io.soleus.notifications.planning.Kind;
import io.soleus.notifications.planning.Status;
import io.soleus.platform.live.DatabaseSignals;
import io.soleus.platform.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one notification when its db-scheduler task comes due, on whichever instance picks it
 * (db-scheduler gives each due task to one instance). Under the row's lock it checks that the
 * message is still wanted (not cancelled, not opted out, its session still booked), holds an SMS
 * during the client's quiet hours, composes the letter and marks the row {@code SENDING}; that is
 * committed before the channel is called, and the answer is recorded in a second transaction.
 *
 * <p><b>A crash between the channel's acceptance and the record</b> leaves the row {@code SENDING}.
 * db-scheduler runs the task again (after its failure handler's wait, or once the dead instance's
 * heartbeat has gone stale). A mail found {@code SENDING} then becomes {@code UNCERTAIN} and is not
 * sent again: an SMTP server has no idempotency key, so at most once wins over at least once; the
 * delivery log shows it and an admin may send it again. An SMS found {@code SENDING} is sent again
 * with the same {@code Idempotency-Key}, which the provider uses to drop the copy, and an in-app
 * message is only a row, so both are simply completed.
 */
@Component
class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** What is about a course's sessions still to come; not sent once none of them is. */
    private static final Set<Kind> COURSE_AHEAD = EnumSet.of(Kind.SERIES_CONFIRMATION, Kind.SERIES_RESCHEDULE);

    /** Kinds that only make sense while their session is booked and still ahead. */
    private static final Set<Kind> AHEAD_OF_A_SESSION = EnumSet.of(Kind.CONFIRMATION, Kind.RESCHEDULE, Kind.REMINDER,
            Kind.LAST_REMINDER);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Letters letters;
    private final Channels channels;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final NotificationsProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final Traces traces;

    Delivery(JdbcTemplate jdbc, TransactionTemplate transaction, Letters letters, Channels channels, EmailChannel email,
             SmsChannel sms, NotificationsProperties properties, ObjectMapper json, Clock clock, Traces traces) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.letters = letters;
        this.channels = channels;
        this.email = email;
        this.sms = sms;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.traces = traces;
    }

    private sealed interface Step {
        record Done() implements Step {
        }

        record Later(Instant at) implements Step {
        }

        record Send(Pending pending, Recipient recipient, Letter letter) implements Step {
        }
    }

    /** Delivers in the trace of the event that planned the notification, so its log lines can be found by it. */
    CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        UUID id = UUID.fromString(instance.getId());
        String traceparent = jdbc.query("SELECT traceparent FROM notification WHERE notification_id = ?",
                rows -> rows.next() ? rows.getString(1) : null, id);
        return traces.continued(traceparent, "deliver notification", () -> deliver(id));
    }

    private CompletionHandler<Void> deliver(UUID id) {
        Step step;
        try {
            step = transaction.execute(status -> prepare(id));
        } catch (RuntimeException e) {
            // a notification that cannot even be prepared (its session never arrived, say) is retried, then a dead letter
            log.warn("Notification {} could not be prepared: {}", id, e.getClass().getName());
            step = transaction.execute(status -> tryAgain(id, countAttempt(id), "could not be prepared: "
                    + e.getClass().getSimpleName()));
        }
        if (step instanceof Step.Send send) {
            Outcome outcome = send(send);
            step = transaction.execute(status -> record(send.pending(), outcome));
        }
        if (step instanceof Step.Later later) {
            return (done, operations) -> operations.reschedule(done, later.at());
        }
        return (done, operations) -> operations.stop();
    }

    private Outcome send(Step.Send send) {
        Pending pending = send.pending();
        try {
            return switch (pending.channel()) {
                case EMAIL -> email.send(pending, send.recipient(), send.letter());
                case SMS -> send.recipient().phone() == null ? new Outcome.Permanent("the client has no phone number")
                        : sms.send(pending, send.recipient(), send.letter());
                case IN_APP -> new Outcome.Sent(null);
            };
        } catch (RuntimeException e) {
            log.warn("Notification {} by {} failed unexpectedly: {}", pending.id(), pending.channel(), e.getClass().getName());
            // a mail may have left before the failure; a text carries its idempotency key and may be sent again
            return pending.channel() == Channel.EMAIL ? new Outcome.Uncertain(e.getClass().getSimpleName())
                    : new Outcome.Transient(e.getClass().getSimpleName());
        }
    }

    private Step prepare(UUID id) {
        // the session first, then the notification: the planner changes them in that order too, so a
        // cancellation being written is waited for and seen, and the two never wait for each other
        jdbc.query("SELECT 1 FROM session WHERE session_id = (SELECT session_id FROM notification WHERE notification_id = ?)"
                + " FOR SHARE", row -> { }, id);
        Pending pending = lock(id);
        if (pending == null) {
            return new Step.Done();
        }
        switch (pending.status()) {
            case SENT, FAILED, UNCERTAIN, SKIPPED, CANCELLED -> {
                return new Step.Done();
            }
            case SENDING -> {
                if (pending.attempts() >= properties.getRetry().getMaxAttempts()) {
                    finish(id, Status.FAILED, "stopped during each of " + pending.attempts() + " attempts");
                    return new Step.Done();
                }
                if (pending.channel() == Channel.EMAIL) {
                    finish(id, Status.UNCERTAIN, "stopped after handing the mail to the SMTP server and before "
                            + "recording it; not sent again on its own");
                    log.warn("Notification {} may or may not have been mailed; marked uncertain, not sent again", id);
                    return new Step.Done();
                }
            }
            default -> {
            }
        }
        Instant now = clock.instant();
        if (pending.due().isAfter(now)) {
            return new Step.Later(pending.due());
        }
        Recipient recipient = recipient(pending.clientId());
        if (recipient == null) {
            return tryAgain(id, countAttempt(id), "the client's contact details have not arrived yet");
        }
        if (!pending.kind().essential()
                && (!recipient.nonEssential() || pending.kind().reminder() && !recipient.remindersConsent())) {
            return skip(id, "the client does not want this kind of message");
        }
        Optional<Letters.Session> session = pending.sessionId() == null ? Optional.empty()
                : letters.session(pending.sessionId());
        Letters.Clinic clinic = pending.clinicId() == null ? null : letters.clinic(pending.clinicId());
        if (AHEAD_OF_A_SESSION.contains(pending.kind())
                && session.filter(s -> "BOOKED".equals(s.status()) && s.start().isAfter(now)).isEmpty()) {
            return skip(id, "the session is no longer ahead and booked");
        }
        if (pending.kind() == Kind.WAITLIST_OFFER && !Instant.parse(pending.facts().path("expiresAt").asText()).isAfter(now)) {
            return skip(id, "the offer's hold has ended");
        }
        if (COURSE_AHEAD.contains(pending.kind())
                && letters.courseStarts(pending.facts(), true).stream().noneMatch(start -> start.isAfter(now))) {
            return skip(id, "none of the course's sessions is still ahead and booked");
        }
        if (pending.attempts() == 0) {
            // before the first attempt the channel follows the client's current choices
            Channel channel = channels.channelFor(pending.clientId(), pending.kind(), pending.clinicId());
            if (channel != pending.channel()) {
                jdbc.update("UPDATE notification SET channel = ? WHERE notification_id = ?", channel.name(), id);
                pending = pending.on(channel);
            }
        }
        if (pending.channel() == Channel.SMS) {
            Optional<Instant> morning = endOfQuietHours(now, zone(clinic, session), recipient);
            if (morning.isPresent()) {
                if (pending.kind().reminder() && !morning.get().isBefore(session.get().start())) {
                    return skip(id, "the session starts before the client's quiet hours end");
                }
                jdbc.update("UPDATE notification SET due_at = ? WHERE notification_id = ?", utc(morning.get()), id);
                return new Step.Later(morning.get());
            }
        }
        Letter letter = letters.compose(pending, recipient, clinic, session);
        jdbc.update("""
                UPDATE notification SET status = 'SENDING', attempts = attempts + 1, last_attempt_at = ?, title = ?,
                    summary = ? WHERE notification_id = ?""", utc(now), letter.subject(), letter.shortText(), id);
        return new Step.Send(pending, recipient, letter);
    }

    private Step record(Pending pending, Outcome outcome) {
        UUID id = pending.id();
        if (outcome instanceof Outcome.Sent sent) {
            jdbc.update("""
                    UPDATE notification SET status = 'SENT', sent_at = ?, provider_id = ?, last_error = NULL
                    WHERE notification_id = ? AND status = 'SENDING'""", utc(clock.instant()), sent.providerId(), id);
            // the feed's live stream on every instance hears of it once this commits
            DatabaseSignals.signal(jdbc, "soleus_feed", pending.clientId() + " " + id);
            log.info("Notification {} ({}) sent by {}", id, pending.kind(), pending.channel());
            return new Step.Done();
        }
        if (outcome instanceof Outcome.Transient failure) {
            return tryAgain(id, pending.attempts() + 1, failure.reason());
        }
        if (outcome instanceof Outcome.Uncertain uncertain) {
            finish(id, Status.UNCERTAIN, uncertain.reason() + "; it may have been delivered, so it is not sent again on its own");
            log.warn("Notification {} ({}) may or may not have gone out; marked uncertain", id, pending.kind());
            return new Step.Done();
        }
        String reason = ((Outcome.Permanent) outcome).reason();
        finish(id, Status.FAILED, reason);
        log.warn("Notification {} ({}) by {} failed for good: {}", id, pending.kind(), pending.channel(), reason);
        return new Step.Done();
    }

    /** Waits longer after each failed attempt; after the last one the notification is a dead letter. */
    private Step tryAgain(UUID id, int attempts, String reason) {
        if (attempts >= properties.getRetry().getMaxAttempts()) {
            finish(id, Status.FAILED, reason + " (gave up after " + attempts + " attempts)");
            log.warn("Notification {} failed after {} attempts", id, attempts);
            return new Step.Done();
        }
        Instant next = clock.instant().plus(properties.getRetry().backoffAfter(attempts));
        jdbc.update("UPDATE notification SET status = 'RETRYING', due_at = ?, last_error = ? WHERE notification_id = ?",
                utc(next), reason, id);
        return new Step.Later(next);
    }

    private int countAttempt(UUID id) {
        return jdbc.queryForObject("""
                UPDATE notification SET attempts = attempts + 1, last_attempt_at = ? WHERE notification_id = ?
                RETURNING attempts""", Integer.class, utc(clock.instant()), id);
    }

    private Step skip(UUID id, String reason) {
        finish(id, Status.SKIPPED, reason);
        return new Step.Done();
    }

    private void finish(UUID id, Status status, String reason) {
        jdbc.update("UPDATE notification SET status = ?, last_error = ? WHERE notification_id = ?", status.name(), reason, id);
    }

    private Pending lock(UUID id) {
        return jdbc.query("""
                SELECT kind, channel, status, client_id, clinic_id, session_id, case_id, plan_id, plan_revision,
                    facts::text, due_at, attempts
                FROM notification WHERE notification_id = ? FOR UPDATE""",
                (row, i) -> new Pending(id, Kind.valueOf(row.getString(1)), Channel.valueOf(row.getString(2)),
                        Status.valueOf(row.getString(3)), row.getObject(4, UUID.class), row.getObject(5, UUID.class),
                        row.getObject(6, UUID.class), row.getObject(7, UUID.class), row.getObject(8, UUID.class),
                        (Integer) row.getObject(9), Letters.facts(json, row.getString(10)),
                        row.getObject(11, OffsetDateTime.class).toInstant(), row.getInt(12)),
                id).stream().findFirst().orElse(null);
    }

    private Recipient recipient(UUID client) {
        return jdbc.query("""
                SELECT r.name, r.email, r.phone, COALESCE(p.language, r.language), r.reminders_consent,
                    COALESCE(p.non_essential, TRUE), p.quiet_from, p.quiet_until
                FROM recipient r LEFT JOIN preference p ON p.client_id = r.client_id WHERE r.client_id = ?""",
                (row, i) -> new Recipient(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5), row.getBoolean(6), row.getObject(7, LocalTime.class),
                        row.getObject(8, LocalTime.class)),
                client).stream().findFirst().orElse(null);
    }

    /** The clinic's time zone, else the session's, else UTC. */
    private static ZoneId zone(Letters.Clinic clinic, Optional<Letters.Session> session) {
        return clinic != null ? clinic.zone() : session.map(Letters.Session::zone).orElse(ZoneOffset.UTC);
    }

    /** When the client's quiet hours end, if {@code now} falls inside them; equal ends mean no quiet hours. */
    private Optional<Instant> endOfQuietHours(Instant now, ZoneId zone, Recipient recipient) {
        LocalTime from = recipient.quietFrom() != null ? recipient.quietFrom() : properties.getQuietFrom();
        LocalTime until = recipient.quietUntil() != null ? recipient.quietUntil() : properties.getQuietUntil();
        if (from.equals(until)) {
            return Optional.empty();
        }
        LocalTime local = now.atZone(zone).toLocalTime();
        boolean quiet = from.isBefore(until)
                ? !local.isBefore(from) && local.isBefore(until)
                : !local.isBefore(from) || local.isBefore(until);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = local.isBefore(until) ? today : today.plusDays(1);
        return Optional.of(day.atTime(until).atZone(zone).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
