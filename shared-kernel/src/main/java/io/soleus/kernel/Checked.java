package io.soleus.kernel;

/**
 * An event whose rules are checked once, when it is written, and never when it is read. The
 * platform checks every event a service publishes before it is stored, so a command that would
 * write a broken fact fails (a 400 naming the field) and stores nothing; history, once written,
 * always reads, even after a rule here becomes stricter.
 */
public interface Checked {

    /** Throws an {@link InvalidValueException} naming the first field that breaks a rule. */
    void check();
}
