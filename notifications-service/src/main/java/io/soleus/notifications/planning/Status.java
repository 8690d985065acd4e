package io.soleus.notifications.planning;

/**
 * Where a notification's delivery stands. {@code SENDING} is held while the channel is called; a
 * mail found still {@code SENDING} after a crash becomes {@code UNCERTAIN}, never sent again on its
 * own. {@code FAILED} and {@code UNCERTAIN} are the dead letters an admin may retry.
 */
public enum Status {
    SCHEDULED, SENDING, RETRYING, SENT, FAILED, UNCERTAIN, SKIPPED, CANCELLED
}
