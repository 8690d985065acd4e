package io.soleus.treatment.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.crypto.ClientKeys;
import io.soleus.treatment.outcome.ReportSignals;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the treatment service knows of booking, read from the booking topic: which clinics and clients exist
 * and each session's client, therapist, clinic, time and status. Clinical records are checked
 * against it, and the operations reports (attended, late cancellations, no-shows) count from it.
 * Only names and ids are kept: contact details stay with booking and notifications. A change to a
 * session moves the operations figures, so it signals the live dashboards.
 */
@Component
@ProcessingGroup(BookingFacts.GROUP)
public class BookingFacts {

    public static final String GROUP = "booking-facts";

    private final JdbcTemplate jdbc;
    private final ReportSignals signals;
    private final ClientKeys keys;

    public BookingFacts(JdbcTemplate jdbc, ReportSignals signals, ClientKeys keys) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.keys = keys;
    }

    /** A session as booking last told of it. */
    public record Session(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                          Instant start, ZoneId zone, String status) {

        public boolean attended() {
            return "ATTENDED".equals(status);
        }

        /** Booked and on the clinic's today: a session in progress may be recorded before it is marked attended. */
        public boolean bookedFor(LocalDate today) {
            return "BOOKED".equals(status) && start.atZone(zone).toLocalDate().equals(today);
        }
    }

    public Optional<Session> session(SessionId id) {
        return jdbc.query("""
                SELECT client_id, therapist_id, clinic_id, starts_at, time_zone, status FROM booking_session
                WHERE session_id = ?""",
                (row, i) -> new Session(id, new ClientId(row.getObject(1, UUID.class)),
                        new TherapistId(row.getObject(2, UUID.class)), new ClinicId(row.getObject(3, UUID.class)),
                        row.getObject(4, OffsetDateTime.class).toInstant(), ZoneId.of(row.getString(5)), row.getString(6)),
                id.value()).stream().findFirst();
    }

    /**
     * Whether booking told of the clinic: its opening, or (for a clinic opened before this service kept
     * openings) a session there.
     */
    public boolean knowsClinic(ClinicId id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM booking_clinic WHERE clinic_id = ?)
                    OR EXISTS (SELECT 1 FROM booking_session WHERE clinic_id = ?)""", Boolean.class, id.value(), id.value()));
    }

    public boolean knowsClient(ClientId id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM booking_client WHERE client_id = ?)",
                Boolean.class, id.value()));
    }

    /** Whether the client has (or had) a session at the clinic, cancelled or not. */
    public boolean hasSessionAt(ClientId client, ClinicId clinic) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM booking_session WHERE client_id = ? AND clinic_id = ?)", Boolean.class,
                client.value(), clinic.value()));
    }

    // Every change names the booking aggregate's sequence and applies only over an older one: a copy of
    // an earlier event (after the inbox forgot its id, or from a replayed topic) changes nothing.

    @EventHandler
    void on(ClinicOpened event) {
        jdbc.update("INSERT INTO booking_clinic (clinic_id, name) VALUES (?, ?) ON CONFLICT (clinic_id) DO NOTHING",
                event.clinicId().value(), event.name());
    }

    @EventHandler
    void on(ClientRegistered event, @SequenceNumber long sequence) {
        client(event.clientId(), event.name(), sequence);
    }

    @EventHandler
    void on(ClientContactChanged event, @SequenceNumber long sequence) {
        client(event.clientId(), event.name(), sequence);
    }

    /**
     * Booking forgot a client: their keys go here too, so their notes in treatment's events read as
     * erased, and so do their name, the free text of their cases, their intake and questionnaire answers in these read
     * models. Their cases, sessions, figures, consents and whether an intake raised a red flag stay as they were.
     */
    @EventHandler
    void on(ClientForgotten event, @SequenceNumber long sequence) {
        keys.forget(event.clientId());
        UUID client = event.clientId().value();
        jdbc.update("UPDATE booking_client SET name = ?, last_sequence = greatest(last_sequence, ?) WHERE client_id = ?",
                Personal.ERASED, sequence, client);
        jdbc.update("UPDATE outcome_case SET complaint = ?, discharge_reason = CASE WHEN discharge_reason IS NULL THEN NULL "
                + "ELSE ? END WHERE client_id = ?", Personal.ERASED, Personal.ERASED, client);
        jdbc.update("""
                UPDATE outcome_assessment SET notes = ? WHERE notes IS NOT NULL
                AND case_id IN (SELECT case_id FROM outcome_case WHERE client_id = ?)""", Personal.ERASED, client);
        jdbc.update("UPDATE intake SET answers = NULL, red_flags = '{}', red_flag_clearance = NULL WHERE client_id = ?", client);
        jdbc.update("""
                UPDATE outcome_measure SET answers = NULL WHERE answers IS NOT NULL
                AND case_id IN (SELECT case_id FROM outcome_case WHERE client_id = ?)""", client);
    }

    @EventHandler
    void on(SessionBooked event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO booking_session (session_id, client_id, therapist_id, clinic_id, session_type_name,
                    starts_at, ends_at, time_zone, status, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?) ON CONFLICT (session_id) DO NOTHING""",
                event.sessionId().value(), event.clientId().value(), event.therapistId().value(),
                event.clinicId().value(), event.sessionTypeName(), time(event.slot().start()), time(event.slot().end()),
                event.clinicTimeZone(), sequence);
        signals.changed();
    }

    @EventHandler
    void on(SessionRescheduled event, @SequenceNumber long sequence) {
        session(event.sessionId(), sequence, "starts_at = ?, ends_at = ?", time(event.slot().start()), time(event.slot().end()));
    }

    @EventHandler
    void on(SessionCancelled event, @SequenceNumber long sequence) {
        session(event.sessionId(), sequence, "status = 'CANCELLED', cancelled_by = ?, late_cancellation = ?",
                event.cancelledBy().name(), event.late());
    }

    @EventHandler
    void on(SessionAttended event, @SequenceNumber long sequence) {
        session(event.sessionId(), sequence, "status = 'ATTENDED'");
    }

    @EventHandler
    void on(SessionMissed event, @SequenceNumber long sequence) {
        session(event.sessionId(), sequence, "status = 'MISSED'");
    }

    /** Sets {@code changes} on a session unless it already holds a later event of it. */
    private void session(SessionId session, long sequence, String changes, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = session.value();
        arguments[values.length + 2] = sequence;
        if (jdbc.update("UPDATE booking_session SET " + changes + ", last_sequence = ? WHERE session_id = ? AND last_sequence < ?",
                arguments) > 0) {
            signals.changed();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE booking_clinic, booking_client, booking_session");
    }

    private void client(ClientId client, String name, long sequence) {
        jdbc.update("""
                INSERT INTO booking_client (client_id, name, last_sequence) VALUES (?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, last_sequence = excluded.last_sequence
                WHERE booking_client.last_sequence < excluded.last_sequence""", client.value(), name, sequence);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
