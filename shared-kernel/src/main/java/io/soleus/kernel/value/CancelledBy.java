package io.soleus.kernel.value;

/** Who cancelled a session. */
public enum CancelledBy {
    CLIENT, CLINIC
}
