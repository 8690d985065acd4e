package io.soleus.identity.account;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be: long enough to resist guessing (NIST SP 800-63B asks for 8; we ask 10),
 * and no longer than bcrypt reads (72 bytes; Spring Security refuses longer ones rather than
 * silently ignoring the rest).
 */
final class Passwords {

    static final int MINIMUM = 10;
    static final int MAXIMUM = 72;

    private Passwords() {
    }

    static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAXIMUM;
    }

    /** A password longer than bcrypt reads, in bytes (characters beyond ASCII take several). */
    static final class TooLong extends RuntimeException {
        TooLong() {
            super("is longer than " + MAXIMUM + " bytes");
        }
    }
}
