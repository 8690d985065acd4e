package io.soleus.kernel.value;

import java.time.Duration;
import java.time.Instant;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/** A half-open span of time [start, end) that a session occupies. */
public record TimeSlot(Instant start, Instant end) {

    public TimeSlot {
        Require.present("slot.start", start);
        Require.present("slot.end", end);
        if (!end.isAfter(start)) {
            throw new InvalidValueException("slot.end", "slot.end must be after slot.start");
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean overlaps(TimeSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The slot extended by a buffer after it, e.g. to clean a room. */
    public TimeSlot withBufferAfter(Duration buffer) {
        return new TimeSlot(start, end.plus(buffer));
    }
}
