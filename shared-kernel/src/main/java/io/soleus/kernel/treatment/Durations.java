package io.soleus.kernel.treatment;

import java.time.Duration;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

final class Durations {

    private Durations() {
    }

    static Duration within(String field, Duration value, Duration max) {
        Require.present(field, value);
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(max) > 0) {
            throw new InvalidValueException(field, field + " must be between 1 second and " + max.toMinutes() + " minutes");
        }
        return value;
    }
}
