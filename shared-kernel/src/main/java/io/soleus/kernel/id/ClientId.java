package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Client across services; on the wire a bare UUID. */
public record ClientId(@JsonValue UUID value) {

    public ClientId {
        Require.present("clientId", value);
    }

    public static ClientId random() {
        return new ClientId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClientId of(String value) {
        return new ClientId(Ids.uuid("clientId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
