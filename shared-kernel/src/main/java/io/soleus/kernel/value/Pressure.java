package io.soleus.kernel.value;

/** How firmly a technique was applied. */
public enum Pressure {
    LIGHT, MODERATE, FIRM
}
