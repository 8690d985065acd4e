package io.soleus.booking.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.ClinicEvents.BookingRulesSet;
import io.soleus.booking.clinic.ClinicEvents.ClinicClosed;
import io.soleus.booking.clinic.ClinicEvents.ClinicLaidOut;
import io.soleus.booking.clinic.ClinicEvents.OpeningHoursChanged;
import io.soleus.booking.clinic.ClinicEvents.RoomAdded;
import io.soleus.booking.clinic.ClinicEvents.RoomClosed;
import io.soleus.booking.sessiontype.SessionTypeEvents.SessionTypeDefined;
import io.soleus.booking.sessiontype.SessionTypeEvents.SessionTypeTherapistsChanged;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionAdded;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionRemoved;
import io.soleus.booking.therapist.TherapistEvents.TherapistJoinedClinic;
import io.soleus.booking.therapist.TherapistEvents.TherapistLeftClinic;
import io.soleus.booking.therapist.TherapistEvents.TherapistRegistered;
import io.soleus.booking.therapist.TherapistEvents.WeeklyAvailabilitySet;
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
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.axon.BatchedUpdates;
import io.soleus.platform.crypto.ClientKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the scheduling read model: clinics, rooms, therapists and their availability, session
 * types, and every session with how long it keeps its therapist and room busy. Runs as one segment,
 * so it sees events in the store's order: a session's buffer is read from its session type.
 * Every handler is an upsert or keyed update, so the model is exactly the fold of the events. The
 * statements of a batch of events go to PostgreSQL together when the batch commits ({@link BatchedUpdates}).
 */
@Component
@ProcessingGroup(SchedulingProjection.GROUP)
public class SchedulingProjection {

    public static final String GROUP = "scheduling";
    private static final String ADD_ROOM = """
            INSERT INTO scheduling_room (room_id, clinic_id, name, position) VALUES (?, ?, ?, ?)
            ON CONFLICT (room_id) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final BatchedUpdates updates;
    private final ObjectMapper mapper;
    private final ClientKeys keys;

    public SchedulingProjection(JdbcTemplate jdbc, ObjectMapper mapper, ClientKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.updates = new BatchedUpdates(jdbc);
        this.mapper = mapper;
    }

    @EventHandler
    void on(ClinicOpened event) {
        updates.update("""
                INSERT INTO scheduling_clinic (clinic_id, name, address, time_zone, opening_hours, late_cancellation_minutes)
                VALUES (?, ?, ?, ?, '{}', ?)
                ON CONFLICT (clinic_id) DO UPDATE SET name = excluded.name, address = excluded.address,
                    time_zone = excluded.time_zone, late_cancellation_minutes = excluded.late_cancellation_minutes""",
                event.clinicId().value(), event.name(), event.address(), event.timeZone(),
                (int) event.lateCancellationWindow().toMinutes());
    }

    @EventHandler
    void on(BookingRulesSet event) {
        updates.update("""
                INSERT INTO scheduling_booking_rules (clinic_id, minimum_notice_minutes, max_upcoming_sessions,
                    new_clients_online, same_day_online, offer_hold_minutes)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (clinic_id) DO UPDATE SET minimum_notice_minutes = excluded.minimum_notice_minutes,
                    max_upcoming_sessions = excluded.max_upcoming_sessions,
                    new_clients_online = excluded.new_clients_online, same_day_online = excluded.same_day_online,
                    offer_hold_minutes = excluded.offer_hold_minutes""",
                event.clinicId().value(), (int) event.rules().minimumNotice().toMinutes(), event.rules().maxUpcomingSessions(),
                event.rules().newClientsOnline(), event.rules().sameDayOnline(), (int) event.rules().offerHold().toMinutes());
    }

    @EventHandler
    void on(ClinicLaidOut event) {
        updates.update("UPDATE scheduling_clinic SET opening_hours = ? WHERE clinic_id = ?",
                json(event.openingHours()), event.clinicId().value());
        for (int i = 0; i < event.rooms().size(); i++) {
            updates.update(ADD_ROOM, event.rooms().get(i).roomId().value(), event.clinicId().value(),
                    event.rooms().get(i).name(), i);
        }
    }

    @EventHandler
    void on(OpeningHoursChanged event) {
        updates.update("UPDATE scheduling_clinic SET opening_hours = ? WHERE clinic_id = ?",
                json(event.openingHours()), event.clinicId().value());
    }

    @EventHandler
    void on(RoomAdded event) {
        updates.update("""
                INSERT INTO scheduling_room (room_id, clinic_id, name, position)
                SELECT ?, ?, ?, count(*) FROM scheduling_room WHERE clinic_id = ?
                ON CONFLICT (room_id) DO NOTHING""",
                event.roomId().value(), event.clinicId().value(), event.name(), event.clinicId().value());
    }

    @EventHandler
    void on(RoomClosed event) {
        updates.update("UPDATE scheduling_room SET closed = TRUE WHERE room_id = ?", event.roomId().value());
    }

    @EventHandler
    void on(ClinicClosed event) {
        updates.update("UPDATE scheduling_clinic SET closed = TRUE WHERE clinic_id = ?", event.clinicId().value());
    }

    @EventHandler
    void on(TherapistRegistered event) {
        updates.update("""
                INSERT INTO scheduling_therapist (therapist_id, name) VALUES (?, ?)
                ON CONFLICT (therapist_id) DO UPDATE SET name = excluded.name""",
                event.therapistId().value(), event.name());
        event.clinics().forEach(clinic -> joinClinic(event.therapistId().value(), clinic.value()));
    }

    @EventHandler
    void on(TherapistJoinedClinic event) {
        joinClinic(event.therapistId().value(), event.clinicId().value());
    }

    @EventHandler
    void on(TherapistLeftClinic event) {
        updates.update("DELETE FROM scheduling_therapist_clinic WHERE therapist_id = ? AND clinic_id = ?",
                event.therapistId().value(), event.clinicId().value());
    }

    @EventHandler
    void on(WeeklyAvailabilitySet event) {
        updates.update("UPDATE scheduling_therapist_clinic SET weekly_hours = ? WHERE therapist_id = ? AND clinic_id = ?",
                json(event.hours()), event.therapistId().value(), event.clinicId().value());
    }

    @EventHandler
    void on(AvailabilityExceptionAdded event) {
        updates.update("""
                INSERT INTO scheduling_availability_exception (exception_id, therapist_id, kind, clinic_id, starts_at, ends_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exception_id) DO NOTHING""",
                event.exceptionId(), event.therapistId().value(), event.kind().name(),
                event.clinicId() == null ? null : event.clinicId().value(), time(event.from()), time(event.to()));
    }

    @EventHandler
    void on(AvailabilityExceptionRemoved event) {
        updates.update("DELETE FROM scheduling_availability_exception WHERE exception_id = ?", event.exceptionId());
    }

    @EventHandler
    void on(SessionTypeDefined event) {
        updates.update("""
                INSERT INTO scheduling_session_type (session_type_id, name, duration_minutes, buffer_minutes)
                VALUES (?, ?, ?, ?) ON CONFLICT (session_type_id) DO UPDATE SET name = excluded.name,
                    duration_minutes = excluded.duration_minutes, buffer_minutes = excluded.buffer_minutes""",
                event.sessionTypeId().value(), event.name(), (int) event.duration().toMinutes(),
                (int) event.bufferAfter().toMinutes());
        offer(event.sessionTypeId().value(), event.therapists());
    }

    @EventHandler
    void on(SessionTypeTherapistsChanged event) {
        offer(event.sessionTypeId().value(), event.therapists());
    }

    @EventHandler
    void on(ClientRegistered event) {
        client(event.clientId().value(), event.name(), event.email(), event.phone(), event.preferredChannel().name(),
                event.remindersConsent(), event.language());
    }

    @EventHandler
    void on(ClientContactChanged event) {
        client(event.clientId().value(), event.name(), event.email(), event.phone(), event.preferredChannel().name(),
                event.remindersConsent(), event.language());
    }

    /**
     * The client's keys go (again, should the request that forgot them have failed after the event), and
     * so do their details and the reasons they gave here.
     */
    @EventHandler
    void on(ClientForgotten event) {
        keys.forget(event.clientId());
        updates.update("UPDATE scheduling_client SET name = ?, email = ?, phone = NULL WHERE client_id = ?",
                Personal.ERASED, Personal.ERASED, event.clientId().value());
        updates.update("UPDATE scheduling_session SET cancellation_reason = ? WHERE client_id = ? AND cancellation_reason IS NOT NULL",
                Personal.ERASED, event.clientId().value());
    }

    @EventHandler
    void on(SessionBooked event) {
        updates.update("""
                INSERT INTO scheduling_session (session_id, client_id, therapist_id, clinic_id, room_id, session_type_id,
                    session_type_name, starts_at, ends_at, busy_until, status, booked_at, series_id)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz + make_interval(mins => buffer_minutes), 'BOOKED', ?, ?
                FROM scheduling_session_type WHERE session_type_id = ?
                ON CONFLICT (session_id) DO NOTHING""",
                event.sessionId().value(), event.clientId().value(), event.therapistId().value(), event.clinicId().value(),
                event.roomId().value(), event.sessionTypeId().value(), event.sessionTypeName(), time(event.slot().start()),
                time(event.slot().end()), time(event.slot().end()), time(event.bookedAt()),
                event.seriesId() == null ? null : event.seriesId().value(), event.sessionTypeId().value());
    }

    @EventHandler
    void on(SessionRescheduled event) {
        updates.update("""
                UPDATE scheduling_session SET room_id = ?, starts_at = ?, ends_at = ?,
                    busy_until = ?::timestamptz + (busy_until - ends_at)
                WHERE session_id = ?""",
                event.roomId().value(), time(event.slot().start()), time(event.slot().end()), time(event.slot().end()),
                event.sessionId().value());
    }

    @EventHandler
    void on(SessionCancelled event) {
        updates.update("""
                UPDATE scheduling_session SET status = 'CANCELLED', cancelled_by = ?, cancellation_reason = ?,
                    late_cancellation = ? WHERE session_id = ?""",
                event.cancelledBy().name(), event.reason(), event.late(), event.sessionId().value());
    }

    @EventHandler
    void on(SessionAttended event) {
        status(event.sessionId().value(), "ATTENDED");
    }

    @EventHandler
    void on(SessionMissed event) {
        status(event.sessionId().value(), "MISSED");
    }

    @ResetHandler
    void reset() {
        jdbc.execute("""
                TRUNCATE scheduling_clinic, scheduling_room, scheduling_therapist, scheduling_therapist_clinic,
                    scheduling_availability_exception, scheduling_session_type, scheduling_session_type_therapist,
                    scheduling_client, scheduling_session, scheduling_booking_rules""");
    }



    private void joinClinic(Object therapistId, Object clinicId) {
        updates.update("""
                INSERT INTO scheduling_therapist_clinic (therapist_id, clinic_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING""", therapistId, clinicId);
    }

    private void offer(Object sessionTypeId, Set<TherapistId> therapists) {
        updates.update("DELETE FROM scheduling_session_type_therapist WHERE session_type_id = ?", sessionTypeId);
        therapists.forEach(therapist -> updates.update(
                "INSERT INTO scheduling_session_type_therapist (session_type_id, therapist_id) VALUES (?, ?)",
                sessionTypeId, therapist.value()));
    }

    private void client(Object clientId, String name, String email, String phone, String channel, boolean consent,
                        String language) {
        updates.update("""
                INSERT INTO scheduling_client (client_id, name, email, phone, preferred_channel, reminders_consent, language)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
                    preferred_channel = excluded.preferred_channel, reminders_consent = excluded.reminders_consent,
                    language = excluded.language""", clientId, name, email, phone, channel, consent, language);
    }

    private void status(Object sessionId, String status) {
        updates.update("UPDATE scheduling_session SET status = ? WHERE session_id = ?", status, sessionId);
    }

    private String json(WeeklyHours hours) {
        return HoursColumn.write(mapper, hours);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
