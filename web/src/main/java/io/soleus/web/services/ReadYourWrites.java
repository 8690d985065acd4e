package io.soleus.web.services;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The services' read models follow their writes by moments. After a change, a page that is about to
 * be shown again waits, briefly and boundedly, until the read model shows the change, so the person
 * sees what they just did (and is not offered the same form again). If the moment passes, the page
 * shows what there is; the change is safe either way.
 */
public final class ReadYourWrites {

    static final Duration LONGEST = Duration.ofSeconds(5);

    private ReadYourWrites() {
    }

    /**
     * Makes a change about something the service learns of from another's events (a session just
     * booked): a "not found" is tried again, with the same idempotency key inside {@code change}, until
     * {@link #LONGEST} has passed, and only then believed.
     */
    public static <T> T once(Supplier<T> change) {
        Instant deadline = Instant.now().plus(LONGEST);
        long pause = 50;
        while (true) {
            try {
                return change.get();
            } catch (ServiceRefused refused) {
                if (!refused.notFound() || Instant.now().isAfter(deadline)) {
                    throw refused;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause = Math.min(400, pause * 2);
        }
    }

    /** Waits until {@code visible} holds, or {@link #LONGEST} has passed; says which. */
    public static boolean await(BooleanSupplier visible) {
        Instant deadline = Instant.now().plus(LONGEST);
        long pause = 50;
        while (true) {
            try {
                if (visible.getAsBoolean()) {
                    return true;
                }
            } catch (ServiceRefused | ServiceUnavailable notYet) {
                // a 404 from a read model that has not caught up, or a read that failed: the change is made either way
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(400, pause * 2);
        }
    }
}
