package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one SessionType across services; on the wire a bare UUID. */
public record SessionTypeId(@JsonValue UUID value) {

    public SessionTypeId {
        Require.present("sessionTypeId", value);
    }

    public static SessionTypeId random() {
        return new SessionTypeId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SessionTypeId of(String value) {
        return new SessionTypeId(Ids.uuid("sessionTypeId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
