package io.soleus.notifications.delivery;

/** What a channel answered: sent (with the provider's id), a failure worth trying again, or one that is not. */
sealed interface Outcome {

    record Sent(String providerId) implements Outcome {
    }

    record Transient(String reason) implements Outcome {
    }

    record Permanent(String reason) implements Outcome {
    }
}
