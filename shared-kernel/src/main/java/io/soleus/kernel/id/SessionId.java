package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Session across services; on the wire a bare UUID. */
public record SessionId(@JsonValue UUID value) {

    public SessionId {
        Require.present("sessionId", value);
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SessionId of(String value) {
        return new SessionId(Ids.uuid("sessionId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
