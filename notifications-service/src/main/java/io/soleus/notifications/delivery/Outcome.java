package io.soleus.notifications.delivery;

/**
 * What a channel answered: sent (with the provider's id), a failure worth trying again, one that is
 * not, or a failure after which nobody can tell whether the message went out.
 */
sealed interface Outcome {

    record Sent(String providerId) implements Outcome {
    }

    record Transient(String reason) implements Outcome {
    }

    record Permanent(String reason) implements Outcome {
    }

    record Uncertain(String reason) implements Outcome {
    }
}
