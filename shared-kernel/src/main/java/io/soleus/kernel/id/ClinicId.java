package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Clinic across services; on the wire a bare UUID. */
public record ClinicId(@JsonValue UUID value) {

    public ClinicId {
        Require.present("clinicId", value);
    }

    public static ClinicId random() {
        return new ClinicId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClinicId of(String value) {
        return new ClinicId(Ids.uuid("clinicId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
