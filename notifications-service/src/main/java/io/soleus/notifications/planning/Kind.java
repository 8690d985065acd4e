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
    /** A case's follow-up questionnaires are due, with the link to answer them. */
    QUESTIONNAIRE(false),
    /** A freed slot held for a waitlisted client, with the link to book it. */
    WAITLIST_OFFER(true),
    /** A course of treatment booked, moved or cancelled from one session on: told once, with all its dates. */
    SERIES_CONFIRMATION(true, CONFIRMATION),
    SERIES_RESCHEDULE(true, RESCHEDULE),
    SERIES_CANCELLATION(true, CANCELLATION);

    private final boolean essential;
    private final Kind choiceOf;

    Kind(boolean essential) {
        this(essential, null);
    }

    Kind(boolean essential, Kind choiceOf) {
        this.essential = essential;
        this.choiceOf = choiceOf;
    }

    public boolean essential() {
        return essential;
    }

    /** The kind whose channel the client chooses for this one: a course's confirmation comes as a confirmation does. */
    public Kind choice() {
        return choiceOf == null ? this : choiceOf;
    }

    public boolean reminder() {
        return this == REMINDER || this == LAST_REMINDER;
    }
}
