package io.soleus.kernel.id;

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

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ExerciseId of(String value) {
        return new ExerciseId(Ids.uuid("exerciseId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
