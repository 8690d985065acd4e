package io.soleus.notifications.planning;

/**
 * The kinds of message the practice sends. Essential ones (what was booked, moved or cancelled, the
 * plan, the discharge) are always sent; the others stop when a client opts out of non-essential
 * messages, and reminders also need the consent given at registration.
 */
public enum Kind {
    CONFIRMATION(true),
    RESCHEDULE(true),
    CANCELLATION(true),
    REMINDER(false),
    LAST_REMINDER(false),
    NO_SHOW(false),
    PLAN(true),
    PLAN_CHECK_IN(false),
    DISCHARGE(true),
    /** A freed slot held for a waitlisted client, with the link to book it. */
    WAITLIST_OFFER(true);

    private final boolean essential;

    Kind(boolean essential) {
        this.essential = essential;
    }

    public boolean essential() {
        return essential;
    }

    public boolean reminder() {
        return this == REMINDER || this == LAST_REMINDER;
    }
}
