package io.soleus.kernel.value;

/** The period an exercise dose repeats over. */
public enum Frequency {
    DAY, WEEK
}
