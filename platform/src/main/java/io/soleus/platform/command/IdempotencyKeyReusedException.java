package io.soleus.platform.command;

/** The caller sent a different request under an Idempotency-Key it had already used. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super(Commands.IDEMPOTENCY_KEY + " was already used for a different request");
    }
}
