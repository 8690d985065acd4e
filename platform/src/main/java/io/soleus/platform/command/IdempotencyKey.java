package io.soleus.platform.command;

import java.util.regex.Pattern;

import io.soleus.kernel.InvalidValueException;

/**
 * The {@code Idempotency-Key} a caller sent with a command's request, and who sent it: a controller
 * method that takes one is safe to retry (see {@link Commands#sendOnce}). The API description names
 * the header on every such operation. Keys are per caller, so two callers cannot collide; the
 * endpoint ({@code POST /sessions/{sessionId}/attended}) is part of what a repeat must send again, so
 * a key used on one endpoint is refused on another rather than answered with the first's result.
 */
public record IdempotencyKey(String caller, String endpoint, String value) {

    private static final Pattern VISIBLE_ASCII = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    public IdempotencyKey {
        if (value != null && !VISIBLE_ASCII.matcher(value).matches()) {
            throw new InvalidValueException(Commands.IDEMPOTENCY_KEY,
                    Commands.IDEMPOTENCY_KEY + " must be 1 to 255 visible ASCII characters");
        }
    }

    /** Without a key, the request acts each time it is sent. */
    public boolean present() {
        return value != null;
    }
}
