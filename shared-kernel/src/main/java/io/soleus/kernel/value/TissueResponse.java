package io.soleus.kernel.value;

/** How the tissue answered a technique. */
public enum TissueResponse {
    RELEASED, PARTIALLY_RELEASED, NO_CHANGE, INCREASED_PAIN
}
