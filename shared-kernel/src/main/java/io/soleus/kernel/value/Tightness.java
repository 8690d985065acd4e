package io.soleus.kernel.value;

/** How tight a muscle felt on assessment. */
public enum Tightness {
    NONE, MILD, MODERATE, SEVERE
}
