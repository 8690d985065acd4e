package io.soleus.web.services;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

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
