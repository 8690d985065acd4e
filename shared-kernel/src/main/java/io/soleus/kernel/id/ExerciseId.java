package io.soleus.kernel.id;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Exercise across services; on the wire a bare UUID. */
public record ExerciseId(@JsonValue UUID value) {

    public ExerciseId {
        Require.present("exerciseId", value);
    }

    public static ExerciseId random() {
        return new ExerciseId(UUID.randomUUID());
    }

    /**
     * An exercise of the library every practice starts with (DOMAIN.md), by its code: its id is derived
     * from the code, so it is the same in every database and known to clients without a lookup.
     */
    public static ExerciseId ofLibraryCode(String code) {
        return new ExerciseId(UUID.nameUUIDFromBytes(("soleus:exercise:" + Require.present("code", code))
                .getBytes(StandardCharsets.UTF_8)));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ExerciseId of(String value) {
        return new ExerciseId(Ids.uuid("exerciseId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
