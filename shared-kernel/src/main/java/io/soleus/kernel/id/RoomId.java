package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Room across services; on the wire a bare UUID. */
public record RoomId(@JsonValue UUID value) {

    public RoomId {
        Require.present("roomId", value);
    }

    public static RoomId random() {
        return new RoomId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RoomId of(String value) {
        return new RoomId(Ids.uuid("roomId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
