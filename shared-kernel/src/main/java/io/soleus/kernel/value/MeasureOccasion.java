package io.soleus.kernel.value;

/** When in an episode of care an outcome questionnaire was answered. */
public enum MeasureOccasion {
    /** Before the first session, with the intake, or as the case opens. */
    BASELINE,
    /** At a set point of the episode. */
    FOLLOW_UP,
    /** As the episode ends. */
    DISCHARGE
}
