package io.soleus.platform.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.soleus.kernel.booking.SessionAttended;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;

/** Booking contract events for the bridge tests: a session booked, rescheduled again and again, attended. */
final class Sessions {

    static final ClientId RUNNER = ClientId.random();
    static final TherapistId THERAPIST = TherapistId.random();
    static final ClinicId RIVERSIDE = ClinicId.random();
    static final RoomId ROOM = RoomId.random();
    static final SessionTypeId FOLLOW_UP = SessionTypeId.random();
    private static final Instant MONDAY_NINE = Instant.parse("2026-12-07T09:00:00Z");

    private Sessions() {
    }

    /** The {@code sequence}-th event of a session's life: booked first, then rescheduled. */
    static Object event(SessionId session, long sequence) {
        TimeSlot slot = slot(sequence);
        if (sequence == 0) {
            return new SessionBooked(session, RUNNER, THERAPIST, "Maya Lindqvist", RIVERSIDE, ROOM, FOLLOW_UP, "Follow-up treatment",
                    slot, "Europe/London", MONDAY_NINE.minus(Duration.ofDays(7)));
        }
        return new SessionRescheduled(session, RUNNER, THERAPIST, RIVERSIDE, ROOM, slot(sequence - 1), slot,
                MONDAY_NINE.minus(Duration.ofDays(7)).plusSeconds(sequence));
    }

    static SessionAttended attended(SessionId session) {
        return new SessionAttended(session, RUNNER, THERAPIST, RIVERSIDE, MONDAY_NINE);
    }

    static List<SessionId> many(int count) {
        return java.util.stream.Stream.generate(SessionId::random).limit(count).toList();
    }

    private static TimeSlot slot(long sequence) {
        Instant start = MONDAY_NINE.plus(Duration.ofHours(sequence));
        return new TimeSlot(start, start.plus(Duration.ofMinutes(45)));
    }
}
