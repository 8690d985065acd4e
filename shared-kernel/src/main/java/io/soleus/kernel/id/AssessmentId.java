package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Assessment across services; on the wire a bare UUID. */
public record AssessmentId(@JsonValue UUID value) {

    public AssessmentId {
        Require.present("assessmentId", value);
    }

    public static AssessmentId random() {
        return new AssessmentId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AssessmentId of(String value) {
        return new AssessmentId(Ids.uuid("assessmentId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
