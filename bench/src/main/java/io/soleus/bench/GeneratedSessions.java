package io.soleus.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A booking store's history made fast: sessions generated as events and appended straight to the
 * store (not through the API), each booked, rescheduled a week on, then attended or missed, a
 * thousand sessions at a time as real traffic interleaves them. Every therapist's sessions follow
 * one another in half-hour slots, 24 a day, from {@code first}.
 */
final class GeneratedSessions {

    static final int EVENTS_PER_SESSION = 3;
    private static final int SESSIONS_AT_A_TIME = 1_000;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Where a therapist works: the sessions' clinic and room. */
    record Therapist(TherapistId id, ClinicId clinic, RoomId room) {
    }

    private GeneratedSessions() {
    }

    /** Appends {@code sessions} sessions shared out among {@code therapists} in turn, a thousand per transaction and event kind. */
    static void append(EventStore store, TransactionTemplate transaction, List<Therapist> therapists, SessionTypeId type,
                       int sessions, Instant first) {
        for (int from = 0; from < sessions; from += SESSIONS_AT_A_TIME) {
            int count = Math.min(SESSIONS_AT_A_TIME, sessions - from);
            List<DomainEventMessage<?>> booked = new ArrayList<>(count);
            List<DomainEventMessage<?>> moved = new ArrayList<>(count);
            List<DomainEventMessage<?>> ended = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                Therapist therapist = therapists.get(i % therapists.size());
                long slot = i / therapists.size();
                Instant start = first.plus(Duration.ofDays(slot / 24)).plus(Duration.ofMinutes(30 * (slot % 24)));
                TimeSlot planned = new TimeSlot(start, start.plus(Duration.ofMinutes(30)));
                TimeSlot later = new TimeSlot(start.plus(Duration.ofDays(7)), start.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(30)));
                SessionId session = SessionId.random();
                ClientId client = ClientId.random();
                booked.add(event(session, 0, new SessionBooked(session, client, therapist.id(), "Therapist", therapist.clinic(),
                        therapist.room(), type, "Follow-up", planned, LONDON.getId(), first)));
                moved.add(event(session, 1, new SessionRescheduled(session, client, therapist.id(), therapist.clinic(),
                        therapist.room(), planned, later, first)));
                ended.add(event(session, 2, i % 10 == 0
                        ? new SessionMissed(session, client, therapist.id(), therapist.clinic(), later.end())
                        : new SessionAttended(session, client, therapist.id(), therapist.clinic(), later.end())));
            }
            for (List<DomainEventMessage<?>> batch : List.of(booked, moved, ended)) {
                transaction.executeWithoutResult(status -> store.publish(batch));
            }
        }
    }

    private static DomainEventMessage<?> event(SessionId session, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Session", session.toString(), sequence, payload);
    }
}
