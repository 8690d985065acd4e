package io.soleus.kernel.treatment;

/** Whether the client did a planned exercise. */
public enum ProgressOutcome {
    DONE, SKIPPED
}
