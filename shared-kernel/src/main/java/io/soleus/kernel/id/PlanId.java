package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Plan across services; on the wire a bare UUID. */
public record PlanId(@JsonValue UUID value) {

    public PlanId {
        Require.present("planId", value);
    }

    public static PlanId random() {
        return new PlanId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PlanId of(String value) {
        return new PlanId(Ids.uuid("planId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
