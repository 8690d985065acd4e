package io.soleus.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value refused by the published language's own rules, naming the field so an API can point at it;
 * or several at once ({@link #all}), when a form's every wrong answer should be told together.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final Map<String, String> fields;

    public InvalidValueException(String field, String message) {
        this(Map.of(field, message));
    }

    /** Each field refused with its reason, in the order given; at least one. */
    public InvalidValueException(Map<String, String> fields) {
        super(fields.values().iterator().next());
        this.fields = new LinkedHashMap<>(fields);
    }

    /** The first field refused. */
    public String field() {
        return fields.keySet().iterator().next();
    }

    /** Every field refused, with its reason. */
    public Map<String, String> all() {
        return Collections.unmodifiableMap(fields);
    }
}
