package io.soleus.booking.waitlist;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;
import io.soleus.kernel.InvalidValueException;

/** Identifies one client's place on a clinic's waitlist; on the wire a bare UUID. */
public record WaitlistEntryId(@JsonValue UUID value) {

    public WaitlistEntryId {
        Require.present("entryId", value);
    }

    public static WaitlistEntryId random() {
        return new WaitlistEntryId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WaitlistEntryId of(String value) {
        Require.present("entryId", value);
        try {
            return new WaitlistEntryId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("entryId", "entryId is not a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
