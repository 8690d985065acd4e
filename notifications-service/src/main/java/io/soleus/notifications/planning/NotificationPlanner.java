package io.soleus.notifications.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesRescheduled;
import io.soleus.kernel.booking.SeriesSession;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.booking.SlotOffered;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.treatment.AssessmentRecorded;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.ExerciseAdded;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.value.Channel;
import io.soleus.notifications.NotificationsProperties.ClinicDefaults;
import io.soleus.notifications.NotificationsProperties;
import io.soleus.notifications.planning.Channels.Reminder;
import io.soleus.notifications.planning.Notifications.Subject;
import io.soleus.platform.crypto.ClientKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads booking's and treatment's topics and decides what to tell whom and when: it keeps what it
 * needs to know of clients, clinics, sessions, cases and the exercise library, and plans each
 * message in the same transaction as the event's token, keyed by the event's id. A re-sent event, a
 * replay or a second instance therefore plans nothing twice. Messages about the past are not
 * planned: a session that has begun gets no confirmation, a reminder whose time has gone is dropped,
 * and events older than the freshness window (an old history read again) tell no one anything.
 */
@Component
@ProcessingGroup(NotificationPlanner.GROUP)
class NotificationPlanner {

    static final String GROUP = "notifications";

    private static final List<Kind> REMINDERS = List.of(Kind.REMINDER, Kind.LAST_REMINDER);

    /** What is about a session still to come; none of it is wanted once the session is cancelled. */
    private static final List<Kind> SESSION_MESSAGES = List.of(Kind.CONFIRMATION, Kind.RESCHEDULE, Kind.REMINDER,
            Kind.LAST_REMINDER);

    private final JdbcTemplate jdbc;
    private final Notifications notifications;
    private final Channels channels;
    private final NotificationsProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClientKeys keys;

    NotificationPlanner(JdbcTemplate jdbc, Notifications notifications, Channels channels,
                        NotificationsProperties properties, ObjectMapper json, Clock clock, ClientKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.channels = channels;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // A client's and a session's rows remember the booking aggregate's sequence that last changed them:
    // a copy of an earlier event (after the inbox forgot its id) changes nothing and plans nothing, so
    // it can neither bring back an old address nor move a reminder back to an old time. A session's
    // sequence moves only once its event is fully applied, so a retry of a parked event is not taken
    // for a copy; a booking needs no sequence, as every message is planned once per event and kind.

    @EventHandler
    void on(ClientRegistered event, @SequenceNumber long sequence) {
        recipient(event.clientId().value(), event.name(), event.email(), event.phone(), event.preferredChannel(),
                event.remindersConsent(), event.language(), sequence);
    }

    @EventHandler
    void on(ClientContactChanged event, @SequenceNumber long sequence) {
        recipient(event.clientId().value(), event.name(), event.email(), event.phone(), event.preferredChannel(),
                event.remindersConsent(), event.language(), sequence);
    }

    /** Booking forgot a client: their keys go here too, nothing waiting is sent, and their address is gone. */
    @EventHandler
    void on(ClientForgotten event, @SequenceNumber long sequence) {
        keys.forget(event.clientId());
        notifications.forget(event.clientId().value());
        jdbc.update("""
                UPDATE recipient SET name = ?, email = ?, phone = NULL, last_sequence = greatest(last_sequence, ?)
                WHERE client_id = ?""", Personal.ERASED, Personal.ERASED, sequence, event.clientId().value());
    }

    @EventHandler
    void on(ClinicOpened event) {
        ClinicDefaults defaults = properties.getClinicDefaults();
        jdbc.update("""
                INSERT INTO clinic (clinic_id, name, address, time_zone, late_cancellation_minutes, reminder_minutes,
                    reminder_channel, last_reminder_minutes, last_reminder_channel, check_in_after_days)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (clinic_id) DO UPDATE SET name = excluded.name, address = excluded.address,
                    time_zone = excluded.time_zone, late_cancellation_minutes = excluded.late_cancellation_minutes""",
                event.clinicId().value(), event.name(), event.address(), event.timeZone(),
                (int) event.lateCancellationWindow().toMinutes(), minutes(defaults.getReminder()),
                defaults.getReminderChannel().name(), minutes(defaults.getLastReminder()),
                defaults.getLastReminderChannel().name(), (int) defaults.getCheckInAfter().toDays());
    }

    @EventHandler
    void on(ExerciseAdded event) {
        jdbc.update("""
                INSERT INTO exercise (exercise_id, name, description) VALUES (?, ?, ?)
                ON CONFLICT (exercise_id) DO UPDATE SET name = excluded.name, description = excluded.description""",
                event.exerciseId().value(), event.name(), event.description());
    }

    @EventHandler
    void on(SessionBooked event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        UUID session = event.sessionId().value();
        Instant start = event.slot().start();
        boolean firstAtTheClinic = firstAtTheClinic(event.clientId().value(), event.clinicId().value(), List.of(session));
        jdbc.update("""
                INSERT INTO session (session_id, client_id, clinic_id, session_type_name, therapist_name, starts_at,
                                     time_zone, status, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?) ON CONFLICT (session_id) DO NOTHING""",
                session, event.clientId().value(), event.clinicId().value(), event.sessionTypeName(),
                event.therapistName(), Notifications.utc(start), event.clinicTimeZone(), sequence);
        Instant now = clock.instant();
        if (!start.isAfter(now)) {
            return;
        }
        Subject subject = Subject.session(event.clientId().value(), event.clinicId().value(), session);
        if (fresh(event.bookedAt()) && event.seriesId() == null) { // a course's sessions are confirmed together
            notifications.plan(eventId, Kind.CONFIRMATION, subject, intake(firstAtTheClinic), now);
        }
        for (Reminder reminder : channels.reminders(event.clinicId().value())) {
            Instant due = start.minus(reminder.before());
            if (due.isAfter(now)) {
                notifications.plan(eventId, reminder.kind(), subject, Map.of(), due);
            }
        }
    }

    @EventHandler
    void on(SessionRescheduled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        inOrder(event.sessionId().value(), sequence, () -> {
            UUID session = event.sessionId().value();
            UUID clinic = event.clinicId().value();
            Instant start = event.slot().start();
            jdbc.update("UPDATE session SET starts_at = ? WHERE session_id = ?", Notifications.utc(start), session);
            Instant now = clock.instant();
            // a confirmation still waiting needs no change: it shows the session's time when it goes out
            if (!start.isAfter(now)) {
                notifications.cancelPending("session_id", session, REMINDERS);
                return;
            }
            Subject subject = Subject.session(event.clientId().value(), clinic, session);
            if (fresh(event.rescheduledAt()) && event.seriesId() == null) { // moved with its course: told together
                notifications.plan(eventId, Kind.RESCHEDULE, subject,
                        Map.of("previousStart", event.previousSlot().start().toString()), now);
            }
            List<Reminder> reminders = channels.reminders(clinic);
            for (Kind kind : REMINDERS) {
                Optional<Instant> due = reminders.stream().filter(reminder -> reminder.kind() == kind).findFirst()
                        .map(reminder -> start.minus(reminder.before())).filter(time -> time.isAfter(now));
                List<UUID> waiting = notifications.pending(session, kind);
                if (due.isEmpty()) {
                    // the clinic no longer sends it, or its time has passed
                    notifications.cancelPending("session_id", session, List.of(kind));
                } else if (!waiting.isEmpty()) {
                    waiting.forEach(id -> notifications.move(id, due.get()));
                } else {
                    // one already went out for the old time: the client is reminded of the new time too
                    notifications.plan(eventId, kind, subject, Map.of(), due.get());
                }
            }
        });
    }

    @EventHandler
    void on(SessionCancelled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        inOrder(event.sessionId().value(), sequence, () -> {
            UUID session = event.sessionId().value();
            jdbc.update("UPDATE session SET status = 'CANCELLED' WHERE session_id = ?", session);
            notifications.cancelPending("session_id", session, SESSION_MESSAGES);
            Optional<Instant> start = sessionStart(session);
            if (start.isPresent() && start.get().isAfter(clock.instant()) && fresh(event.cancelledAt())
                    && event.seriesId() == null) { // cancelled with its course: told together
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("cancelledBy", event.cancelledBy().name());
                facts.put("late", event.late());
                facts.put("reason", event.reason());
                notifications.plan(eventId, Kind.CANCELLATION,
                        Subject.session(event.clientId().value(), event.clinicId().value(), session), facts, clock.instant());
            }
        });
    }

    @EventHandler
    void on(SessionAttended event, @SequenceNumber long sequence) {
        inOrder(event.sessionId().value(), sequence, () -> {
            jdbc.update("UPDATE session SET status = 'ATTENDED' WHERE session_id = ?", event.sessionId().value());
            notifications.cancelPending("session_id", event.sessionId().value(), REMINDERS);
        });
    }

    @EventHandler
    void on(SessionMissed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        inOrder(event.sessionId().value(), sequence, () -> {
            UUID session = event.sessionId().value();
            jdbc.update("UPDATE session SET status = 'MISSED' WHERE session_id = ?", session);
            notifications.cancelPending("session_id", session, REMINDERS);
            if (fresh(event.recordedAt())) {
                notifications.plan(eventId, Kind.NO_SHOW,
                        Subject.session(event.clientId().value(), event.clinicId().value(), session), Map.of(),
                        clock.instant());
            }
        });
    }

    /** A freed slot held for a waitlisted client: they are told at once, with what they need to decide and book it. */
    @EventHandler
    void on(SlotOffered event, @MessageIdentifier String eventId) {
        Instant now = clock.instant();
        if (!fresh(event.offeredAt()) || !event.expiresAt().isAfter(now)) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("offerId", event.offerId().toString());
        facts.put("start", event.slot().start().toString());
        facts.put("timeZone", event.clinicTimeZone());
        facts.put("sessionTypeName", event.sessionTypeName());
        facts.put("therapistName", event.therapistName());
        facts.put("expiresAt", event.expiresAt().toString());
        notifications.plan(eventId, Kind.WAITLIST_OFFER,
                new Subject(event.clientId().value(), event.clinicId().value(), null, null, null, null), facts, now);
    }

    /** A course booked as one request: one confirmation with every date, instead of one per session. */
    @EventHandler
    void on(SeriesBooked event, @MessageIdentifier String eventId) {
        Map<String, Object> facts = course(event.seriesId(), event.sessions());
        facts.put("sessionTypeName", event.sessionTypeName());
        facts.put("therapistName", event.therapistName());
        facts.put("timeZone", event.clinicTimeZone());
        facts.putAll(intake(firstAtTheClinic(event.clientId().value(), event.clinicId().value(),
                event.sessions().stream().map(session -> session.sessionId().value()).toList())));
        aboutACourse(eventId, Kind.SERIES_CONFIRMATION, event.clientId().value(), event.clinicId().value(),
                event.bookedAt(), event.sessions(), facts);
    }

    @EventHandler
    void on(SeriesRescheduled event, @MessageIdentifier String eventId) {
        if (fresh(event.rescheduledAt())) {
            // a move told before is out of date: this one tells where the sessions are now
            notifications.cancelPendingOfCourse(event.seriesId().value(), List.of(Kind.SERIES_RESCHEDULE));
        }
        Map<String, Object> facts = course(event.seriesId(), event.sessions());
        facts.put("previousStarts", starts(event.previous()));
        aboutACourse(eventId, Kind.SERIES_RESCHEDULE, event.clientId().value(), event.clinicId().value(),
                event.rescheduledAt(), event.sessions(), facts);
    }

    @EventHandler
    void on(SeriesCancelled event, @MessageIdentifier String eventId) {
        Map<String, Object> facts = course(event.seriesId(), event.sessions());
        facts.put("cancelledBy", event.cancelledBy().name());
        facts.put("reason", event.reason());
        aboutACourse(eventId, Kind.SERIES_CANCELLATION, event.clientId().value(), event.clinicId().value(),
                event.cancelledAt(), event.sessions(), facts);
    }

    /**
     * Whether the client has no session at the clinic besides these: then the confirmation asks for the
     * clinic's intake form before the first visit.
     */
    private boolean firstAtTheClinic(UUID client, UUID clinic, List<UUID> these) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT NOT EXISTS (SELECT 1 FROM session WHERE client_id = ? AND clinic_id = ? AND session_id <> ALL (?))""",
                Boolean.class, client, clinic, these.toArray(UUID[]::new)));
    }

    private static Map<String, Object> intake(boolean firstAtTheClinic) {
        return firstAtTheClinic ? Map.of("intake", true) : Map.of();
    }

    /** A message about a course, told at once while its change is fresh and one of its sessions is still ahead. */
    private void aboutACourse(String eventId, Kind kind, UUID client, UUID clinic, Instant happened,
                              List<SeriesSession> sessions, Map<String, Object> facts) {
        Instant now = clock.instant();
        if (fresh(happened) && sessions.stream().anyMatch(session -> session.start().isAfter(now))) {
            notifications.plan(eventId, kind, new Subject(client, clinic, null, null, null, null), facts, now);
        }
    }

    /**
     * What every message about a course holds: the course, and its sessions with their starts as the
     * event tells them (the letter shows each session's time as it is when it goes out).
     */
    private static Map<String, Object> course(SeriesId series, List<SeriesSession> sessions) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("seriesId", series.toString());
        facts.put("sessionIds", sessions.stream().map(session -> session.sessionId().toString()).toList());
        facts.put("starts", starts(sessions));
        return facts;
    }

    private static List<String> starts(List<SeriesSession> sessions) {
        return sessions.stream().map(session -> session.start().toString()).toList();
    }

    @EventHandler
    void on(CaseOpened event) {
        jdbc.update("""
                INSERT INTO care_case (case_id, client_id, clinic_id) VALUES (?, ?, ?)
                ON CONFLICT (case_id) DO NOTHING""",
                event.caseId().value(), event.clientId().value(), event.clinicId().value());
    }

    @EventHandler
    void on(AssessmentRecorded event) {
        // the first assessment's pain is the baseline the discharge summary compares with
        jdbc.update("UPDATE care_case SET baseline_pain = COALESCE(baseline_pain, ?) WHERE case_id = ?",
                event.pain().value(), event.caseId().value());
    }

    @EventHandler
    void on(PlanAssigned event, @MessageIdentifier String eventId) throws JsonProcessingException {
        UUID caseId = event.caseId().value();
        jdbc.update("""
                INSERT INTO plan (plan_id, revision, case_id, exercises) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (plan_id, revision) DO NOTHING""",
                event.planId().value(), event.revision(), caseId, json.writeValueAsString(event.exercises()));
        if (!fresh(event.assignedAt())) {
            return;
        }
        UUID client = event.clientId().value();
        UUID clinic = clinicOfCase(caseId);
        Subject subject = Subject.care(client, clinic, caseId, event.planId().value(), event.revision());
        notifications.plan(eventId, Kind.PLAN, subject, Map.of(), clock.instant());
        if (event.revision() == 1) {
            Instant due = event.assignedAt().plus(checkInAfter(clinic));
            if (due.isAfter(clock.instant())) {
                notifications.plan(eventId, Kind.PLAN_CHECK_IN, subject, Map.of(), due);
            }
        }
    }

    @EventHandler
    void on(CaseDischarged event, @MessageIdentifier String eventId) {
        UUID caseId = event.caseId().value();
        notifications.cancelPending("case_id", caseId, List.of(Kind.PLAN_CHECK_IN));
        if (fresh(event.dischargedAt())) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("finalPain", event.finalPain().value());
            facts.put("backToActivity", event.backToActivity());
            notifications.plan(eventId, Kind.DISCHARGE,
                    Subject.care(event.clientId().value(), event.clinicId().value(), caseId, null, null), facts,
                    clock.instant());
        }
    }

    /** The case's clinic asks its client to answer her questionnaires again, as it does every few sessions. */
    @EventHandler
    void on(QuestionnairesRequested event, @MessageIdentifier String eventId) {
        if (fresh(event.requestedAt())) {
            notifications.plan(eventId, Kind.QUESTIONNAIRE, Subject.care(event.clientId().value(), event.clinicId().value(),
                    event.caseId().value(), null, null), Map.of("instruments", event.instruments()), clock.instant());
        }
    }

    private Duration checkInAfter(UUID clinic) {
        return jdbc.queryForList("SELECT check_in_after_days FROM clinic WHERE clinic_id = ?", Integer.class, clinic)
                .stream().findFirst().map(Duration::ofDays).orElse(properties.getClinicDefaults().getCheckInAfter());
    }

    private Optional<Instant> sessionStart(UUID session) {
        return jdbc.queryForList("SELECT starts_at FROM session WHERE session_id = ?", OffsetDateTime.class, session)
                .stream().findFirst().map(OffsetDateTime::toInstant);
    }

    private UUID clinicOfCase(UUID caseId) {
        return jdbc.queryForList("SELECT clinic_id FROM care_case WHERE case_id = ?", UUID.class, caseId)
                .stream().findFirst().orElse(null);
    }

    private boolean fresh(Instant happened) {
        return happened.isAfter(clock.instant().minus(properties.getFreshness()));
    }

    private void recipient(UUID client, String name, String email, String phone, Channel preferred, boolean consent,
                           String language, long sequence) {
        jdbc.update("""
                INSERT INTO recipient (client_id, name, email, phone, preferred_channel, reminders_consent, language,
                                       last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                    phone = excluded.phone, preferred_channel = excluded.preferred_channel,
                    reminders_consent = excluded.reminders_consent, language = excluded.language,
                    last_sequence = excluded.last_sequence
                WHERE recipient.last_sequence < excluded.last_sequence""",
                client, name, email, phone, preferred.name(), consent, language, sequence);
    }

    /**
     * Applies a session's event of {@code sequence} unless the session already holds it or a later one
     * (a copy, which must change nothing), then records it as applied. A session never heard of is
     * let through, as before sequences were kept.
     */
    private void inOrder(UUID session, long sequence, Runnable apply) {
        boolean copy = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM session WHERE session_id = ? AND last_sequence >= ?)",
                Boolean.class, session, sequence);
        if (copy) {
            return;
        }
        apply.run();
        jdbc.update("UPDATE session SET last_sequence = ? WHERE session_id = ? AND last_sequence < ?", sequence, session, sequence);
    }

    private static Integer minutes(Duration duration) {
        return duration == null || duration.isZero() ? null : (int) duration.toMinutes();
    }
}
