package io.soleus.kernel;

/** The Kafka topics the services publish their contract events to, one per producing service. */
public final class Topics {

    public static final String BOOKING = "soleus.booking.v1";
    public static final String TREATMENT = "soleus.treatment.v1";

    private Topics() {
    }
}
