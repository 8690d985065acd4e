package io.soleus.kernel.value;

/** Which side of the body. */
public enum Side {
    LEFT, RIGHT, BILATERAL
}
