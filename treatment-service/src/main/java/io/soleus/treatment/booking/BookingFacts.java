package io.soleus.treatment.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.treatment.outcome.ReportSignals;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the treatment service knows of booking, read from the booking topic: which clients exist
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

    public BookingFacts(JdbcTemplate jdbc, ReportSignals signals) {
        this.jdbc = jdbc;
        this.signals = signals;
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

    public boolean knowsClient(ClientId id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM booking_client WHERE client_id = ?)",
                Boolean.class, id.value()));
    }

    @EventHandler
    void on(ClientRegistered event) {
        client(event.clientId(), event.name());
    }

    @EventHandler
    void on(ClientContactChanged event) {
        client(event.clientId(), event.name());
    }

    @EventHandler
    void on(SessionBooked event) {
        jdbc.update("""
                INSERT INTO booking_session (session_id, client_id, therapist_id, clinic_id, session_type_name,
                    starts_at, ends_at, time_zone, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED') ON CONFLICT (session_id) DO NOTHING""",
                event.sessionId().value(), event.clientId().value(), event.therapistId().value(),
                event.clinicId().value(), event.sessionTypeName(), time(event.slot().start()), time(event.slot().end()),
                event.clinicTimeZone());
        signals.changed();
    }

    @EventHandler
    void on(SessionRescheduled event) {
        jdbc.update("UPDATE booking_session SET starts_at = ?, ends_at = ? WHERE session_id = ?",
                time(event.slot().start()), time(event.slot().end()), event.sessionId().value());
        signals.changed();
    }

    @EventHandler
    void on(SessionCancelled event) {
        jdbc.update("""
                UPDATE booking_session SET status = 'CANCELLED', cancelled_by = ?, late_cancellation = ?
                WHERE session_id = ?""", event.cancelledBy().name(), event.late(), event.sessionId().value());
        signals.changed();
    }

    @EventHandler
    void on(SessionAttended event) {
        jdbc.update("UPDATE booking_session SET status = 'ATTENDED' WHERE session_id = ?", event.sessionId().value());
        signals.changed();
    }

    @EventHandler
    void on(SessionMissed event) {
        jdbc.update("UPDATE booking_session SET status = 'MISSED' WHERE session_id = ?", event.sessionId().value());
        signals.changed();
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE booking_client, booking_session");
    }

    private void client(ClientId client, String name) {
        jdbc.update("""
                INSERT INTO booking_client (client_id, name) VALUES (?, ?)
                ON CONFLICT (client_id) DO UPDATE SET name = excluded.name""", client.value(), name);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
