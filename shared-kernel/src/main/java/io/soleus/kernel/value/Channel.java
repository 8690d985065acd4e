package io.soleus.kernel.value;

/** How a client is reached. */
public enum Channel {
    EMAIL, SMS, IN_APP
}
