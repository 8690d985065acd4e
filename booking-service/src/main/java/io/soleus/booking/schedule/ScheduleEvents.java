package io.soleus.booking.schedule;

import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.TimeSlot;

/** A day schedule's reservations; internal to the booking service. */
public final class ScheduleEvents {

    private ScheduleEvents() {
    }

    public record SlotReserved(String scheduleId, SessionId sessionId, TimeSlot slot) {
    }

    public record SlotReleased(String scheduleId, SessionId sessionId) {
    }
}
