package io.soleus.booking.waitlist;

import java.sql.Timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.waitlist.WaitlistEvents.OfferAccepted;
import io.soleus.booking.waitlist.WaitlistEvents.OfferExpired;
import io.soleus.booking.waitlist.WaitlistEvents.WaitlistJoined;
import io.soleus.booking.waitlist.WaitlistEvents.WaitlistLeft;
import io.soleus.kernel.booking.SlotOffered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the waitlist read model: each entry with its state and current offer, and every offer made.
 * Every handler is an upsert or a keyed update, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(WaitlistProjection.GROUP)
public class WaitlistProjection {

    public static final String GROUP = "waitlist";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WaitlistProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(WaitlistJoined event) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO waitlist_entry (entry_id, client_id, clinic_id, session_type_id, therapist_id, times, urgency,
                    status, joined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'WAITING', ?) ON CONFLICT (entry_id) DO NOTHING""",
                event.entryId().value(), event.clientId().value(), event.clinicId().value(), event.sessionTypeId().value(),
                event.therapistId() == null ? null : event.therapistId().value(), json.writeValueAsString(event.times()),
                event.urgency().ordinal(), Timestamp.from(event.joinedAt()));
    }

    @EventHandler
    void on(SlotOffered event) {
        jdbc.update("UPDATE waitlist_entry SET status = 'OFFERED', offer_id = ?, offer_expires_at = ? WHERE entry_id = ?",
                event.offerId().value(), Timestamp.from(event.expiresAt()), event.entryId());
        jdbc.update("""
                INSERT INTO waitlist_offer (offer_id, entry_id, client_id, clinic_id, therapist_id, room_id, session_type_id,
                    starts_at, ends_at, busy_until, expires_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OFFERED') ON CONFLICT (offer_id) DO NOTHING""",
                event.offerId().value(), event.entryId(), event.clientId().value(), event.clinicId().value(),
                event.therapistId().value(), event.roomId().value(), event.sessionTypeId().value(),
                Timestamp.from(event.slot().start()), Timestamp.from(event.slot().end()), Timestamp.from(event.busyUntil()),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(OfferAccepted event) {
        jdbc.update("UPDATE waitlist_entry SET status = 'BOOKED' WHERE entry_id = ?", event.entryId().value());
        jdbc.update("UPDATE waitlist_offer SET status = 'ACCEPTED' WHERE offer_id = ?", event.offerId().value());
    }

    @EventHandler
    void on(OfferExpired event) {
        jdbc.update("UPDATE waitlist_entry SET status = 'WAITING', offer_id = NULL, offer_expires_at = NULL WHERE entry_id = ?",
                event.entryId().value());
        jdbc.update("UPDATE waitlist_offer SET status = 'EXPIRED' WHERE offer_id = ?", event.offerId().value());
    }

    @EventHandler
    void on(WaitlistLeft event) {
        jdbc.update("UPDATE waitlist_entry SET status = 'LEFT', offer_expires_at = NULL WHERE entry_id = ?", event.entryId().value());
        jdbc.update("UPDATE waitlist_offer SET status = 'WITHDRAWN' WHERE entry_id = ? AND status = 'OFFERED'",
                event.entryId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE waitlist_entry, waitlist_offer");
    }
}
