package io.soleus.booking.waitlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.BookingPolicy;
import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the waitlist read model answers: a clinic's list in the order offers go out, a client's own
 * entries, one offer, the next clients to offer a freed time to, and the offers whose hold has run out.
 */
@Component
public class WaitlistQueries {

    /** An entry as staff and the client see it; {@code clientName} only where the reader may see who. */
    public record Entry(WaitlistEntryId entryId, ClientId clientId, String clientName, ClinicId clinicId,
                        SessionTypeId sessionTypeId, String sessionTypeName, TherapistId therapistId, WeeklyHours times,
                        Urgency urgency, String status, Instant joinedAt, SessionId offerId, Instant offerExpiresAt) {
    }

    /** An offer as the client's page shows it. */
    public record Offer(SessionId offerId, WaitlistEntryId entryId, ClientId clientId, ClinicId clinicId, String clinicName,
                        String clinicAddress, String timeZone, TherapistId therapistId, String therapistName,
                        String sessionTypeName, Instant start, Instant end, LocalDateTime localStart, Instant expiresAt,
                        String status) {
    }

    private static final String ENTRY = """
            SELECT w.entry_id, w.client_id, cl.name, w.clinic_id, w.session_type_id, st.name, w.therapist_id, w.times,
                   w.urgency, w.status, w.joined_at, w.offer_id, w.offer_expires_at
            FROM waitlist_entry w
            LEFT JOIN scheduling_client cl ON cl.client_id = w.client_id
            LEFT JOIN scheduling_session_type st ON st.session_type_id = w.session_type_id
            """;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WaitlistQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A clinic's waiting and offered clients, most urgent first, then longest waiting: its staff only. */
    public List<Entry> ofClinic(ClinicId clinic, Actor reader) {
        if (!BookingPolicy.isStaffAt(reader, clinic)) {
            throw new NotFoundException("No clinic " + clinic);
        }
        return jdbc.query(ENTRY + "WHERE w.clinic_id = ? AND w.status IN ('WAITING', 'OFFERED') "
                + "ORDER BY w.urgency DESC, w.joined_at, w.entry_id", (row, i) -> entry(row), clinic.value());
    }

    /** A client's entries, newest first, as the client or the staff of their clinics see them. */
    public List<Entry> ofClient(ClientId client, Actor reader) {
        List<Entry> seen = jdbc.query(ENTRY + "WHERE w.client_id = ? ORDER BY w.joined_at DESC, w.entry_id",
                        (row, i) -> entry(row), client.value()).stream()
                .filter(entry -> BookingPolicy.seesSession(reader, entry.clinicId(), entry.clientId())).toList();
        if (seen.isEmpty() && !BookingPolicy.seesAllOfClient(reader, client)) {
            throw new NotFoundException("No client " + client);
        }
        return seen;
    }

    public Offer offer(SessionId offerId, Actor reader) {
        return jdbc.query("""
                SELECT o.offer_id, o.entry_id, o.client_id, o.clinic_id, c.name, c.address, c.time_zone, o.therapist_id,
                       t.name, st.name, o.starts_at, o.ends_at, o.expires_at, o.status
                FROM waitlist_offer o
                JOIN scheduling_clinic c ON c.clinic_id = o.clinic_id
                JOIN scheduling_therapist t ON t.therapist_id = o.therapist_id
                JOIN scheduling_session_type st ON st.session_type_id = o.session_type_id
                WHERE o.offer_id = ?""", (row, i) -> {
                    ZoneId zone = ZoneId.of(row.getString(7));
                    Instant start = row.getTimestamp(11).toInstant();
                    return new Offer(new SessionId(row.getObject(1, UUID.class)), new WaitlistEntryId(row.getObject(2, UUID.class)),
                            new ClientId(row.getObject(3, UUID.class)), new ClinicId(row.getObject(4, UUID.class)),
                            row.getString(5), row.getString(6), zone.getId(), new TherapistId(row.getObject(8, UUID.class)),
                            row.getString(9), row.getString(10), start, row.getTimestamp(12).toInstant(),
                            LocalDateTime.ofInstant(start, zone), row.getTimestamp(13).toInstant(), row.getString(14));
                }, offerId.value()).stream()
                .filter(offer -> BookingPolicy.seesSession(reader, offer.clinicId(), offer.clientId()))
                .findFirst().orElseThrow(() -> new NotFoundException("No offer " + offerId));
    }

    /** The entry an offer was made to, for taking it. */
    Optional<WaitlistEntryId> entryOf(SessionId offerId) {
        return jdbc.queryForList("SELECT entry_id FROM waitlist_offer WHERE offer_id = ?", UUID.class, offerId.value())
                .stream().findFirst().map(WaitlistEntryId::new);
    }

    /**
     * The clients waiting for {@code type} at {@code clinic} who could take {@code slot} with {@code therapist}, in
     * the order offers go out (most urgent, then longest waiting): with that therapist or anyone, free then by
     * the times they gave (in the clinic's {@code zone}), and never offered this therapist's time at this start.
     */
    List<Entry> candidates(ClinicId clinic, SessionTypeId type, TherapistId therapist, TimeSlot slot, ZoneId zone) {
        LocalDateTime start = LocalDateTime.ofInstant(slot.start(), zone);
        LocalDateTime end = LocalDateTime.ofInstant(slot.end(), zone);
        return jdbc.query(ENTRY + """
                WHERE w.clinic_id = ? AND w.session_type_id = ? AND w.status = 'WAITING'
                  AND (w.therapist_id IS NULL OR w.therapist_id = ?)
                  AND NOT EXISTS (SELECT 1 FROM waitlist_offer o WHERE o.entry_id = w.entry_id AND o.therapist_id = ?
                                  AND o.starts_at = ?)
                ORDER BY w.urgency DESC, w.joined_at, w.entry_id""", (row, i) -> entry(row),
                clinic.value(), type.value(), therapist.value(), therapist.value(), Timestamp.from(slot.start()))
                .stream().filter(entry -> entry.times().covers(start, end)).toList();
    }

    /** The clients waiting at a clinic for any of its therapists or for {@code therapist}, in the order offers go out. */
    List<Entry> waitingFor(ClinicId clinic, TherapistId therapist) {
        return jdbc.query(ENTRY + """
                WHERE w.clinic_id = ? AND w.status = 'WAITING' AND (w.therapist_id IS NULL OR w.therapist_id = ?)
                ORDER BY w.urgency DESC, w.joined_at, w.entry_id""", (row, i) -> entry(row), clinic.value(), therapist.value());
    }

    /** Offers still held whose time ran out by {@code now}, oldest first, at most {@code limit}. */
    List<Entry> expiredOffers(Instant now, int limit) {
        return jdbc.query(ENTRY + "WHERE w.status = 'OFFERED' AND w.offer_expires_at <= ? ORDER BY w.offer_expires_at LIMIT ?",
                (row, i) -> entry(row), Timestamp.from(now), limit);
    }

    private Entry entry(ResultSet row) throws SQLException {
        UUID therapist = row.getObject(7, UUID.class);
        UUID offer = row.getObject(12, UUID.class);
        Timestamp expires = row.getTimestamp(13);
        return new Entry(new WaitlistEntryId(row.getObject(1, UUID.class)), new ClientId(row.getObject(2, UUID.class)),
                row.getString(3), new ClinicId(row.getObject(4, UUID.class)), new SessionTypeId(row.getObject(5, UUID.class)),
                row.getString(6), therapist == null ? null : new TherapistId(therapist), times(row.getString(8)),
                Urgency.values()[row.getInt(9)], row.getString(10), row.getTimestamp(11).toInstant(),
                offer == null ? null : new SessionId(offer), expires == null ? null : expires.toInstant());
    }

    private WeeklyHours times(String text) {
        try {
            return json.readValue(text, WeeklyHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable times in the waitlist read model", e);
        }
    }
}
