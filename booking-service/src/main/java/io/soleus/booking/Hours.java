package io.soleus.booking;

import java.time.LocalTime;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/** A span of wall-clock time within one day, [from, to), in a clinic's own time zone. */
public record Hours(LocalTime from, LocalTime to) {

    public Hours {
        Require.present("from", from);
        Require.present("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidValueException("to", "to must be after from");
        }
    }

    public boolean contains(LocalTime start, LocalTime end) {
        return !start.isBefore(from) && !end.isAfter(to) && end.isAfter(start);
    }

    boolean overlaps(Hours other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }
}
