package io.soleus.kernel.value;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/**
 * A muscle or fascia by its code, from a fixed starting vocabulary that practices can extend with
 * codes of their own; on the wire a bare string.
 */
public record Muscle(@JsonValue String code) {

    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,40}");

    public static final Muscle SOLEUS = new Muscle("soleus");
    public static final Muscle GASTROCNEMIUS_MEDIAL = new Muscle("gastrocnemius-medial");
    public static final Muscle GASTROCNEMIUS_LATERAL = new Muscle("gastrocnemius-lateral");
    public static final Muscle TIBIALIS_POSTERIOR = new Muscle("tibialis-posterior");
    public static final Muscle HAMSTRINGS = new Muscle("hamstrings");
    public static final Muscle GLUTEUS_MEDIUS = new Muscle("gluteus-medius");
    public static final Muscle GLUTEUS_MAXIMUS = new Muscle("gluteus-maximus");
    public static final Muscle PLANTAR_FASCIA = new Muscle("plantar-fascia");

    public Muscle {
        Require.present("muscle", code);
        if (!CODE.matcher(code).matches()) {
            throw new InvalidValueException("muscle", "muscle must be a lower-case code such as 'soleus'");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Muscle of(String code) {
        return new Muscle(code);
    }

    public static List<Muscle> vocabulary() {
        return List.of(SOLEUS, GASTROCNEMIUS_MEDIAL, GASTROCNEMIUS_LATERAL, TIBIALIS_POSTERIOR, HAMSTRINGS,
                GLUTEUS_MEDIUS, GLUTEUS_MAXIMUS, PLANTAR_FASCIA);
    }
}
