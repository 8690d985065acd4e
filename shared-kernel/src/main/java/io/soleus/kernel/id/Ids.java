package io.soleus.kernel.id;

import java.util.UUID;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

final class Ids {

    private Ids() {
    }

    static UUID uuid(String field, String value) {
        Require.present(field, value);
        try {
            UUID uuid = UUID.fromString(value);
            if (!uuid.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, field + " is not a UUID");
        }
    }
}
