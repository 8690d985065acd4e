package io.soleus.identity.account;

/** What a password must be: long enough to resist guessing (NIST SP 800-63B asks for 8; we ask 10), not absurdly long. */
final class Passwords {

    static final int MINIMUM = 10;
    static final int MAXIMUM = 128;

    private Passwords() {
    }
}
