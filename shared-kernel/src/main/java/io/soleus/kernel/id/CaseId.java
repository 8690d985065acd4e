package io.soleus.kernel.id;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Identifies one Case across services; on the wire a bare UUID. */
public record CaseId(@JsonValue UUID value) {

    public CaseId {
        Require.present("caseId", value);
    }

    public static CaseId random() {
        return new CaseId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CaseId of(String value) {
        return new CaseId(Ids.uuid("caseId", value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
