package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Therapist across services; on the wire a bare UUID. */
public record TherapistId(@JsonValue UUID value) {

    public TherapistId {
        Require.present("therapistId", value);
    }

    public static TherapistId random() {
        return new TherapistId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TherapistId of(String value) {
        return new TherapistId(Ids.uuid("therapistId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
