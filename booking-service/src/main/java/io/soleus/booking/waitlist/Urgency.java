package io.soleus.booking.waitlist;

/** How soon a waitlisted client needs to be seen; a freed slot goes to the most urgent first, then the longest waiting. */
public enum Urgency {
    ROUTINE, SOON, URGENT
}
