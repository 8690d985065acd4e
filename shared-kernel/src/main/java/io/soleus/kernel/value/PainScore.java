package io.soleus.kernel.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.Require;

/** Pain on the 0–10 numeric pain rating scale (NPRS); on the wire a bare number. */
public record PainScore(@JsonValue int value) {

    public PainScore {
        Require.between("pain", value, 0, 10);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PainScore of(int value) {
        return new PainScore(value);
    }
}
