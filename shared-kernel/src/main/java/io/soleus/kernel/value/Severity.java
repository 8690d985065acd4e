package io.soleus.kernel.value;

/** How pronounced a trigger point is on palpation. */
public enum Severity {
    MILD, MODERATE, SEVERE
}
