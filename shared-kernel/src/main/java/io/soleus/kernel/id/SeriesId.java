package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one course of treatment (a series of sessions) across services; on the wire a bare UUID. */
public record SeriesId(@JsonValue UUID value) {

    public SeriesId {
        Require.present("seriesId", value);
    }

    public static SeriesId random() {
        return new SeriesId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SeriesId of(String value) {
        return new SeriesId(Ids.uuid("seriesId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
