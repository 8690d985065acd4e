package io.soleus.kernel.value;

/** Common causes worth recording when a case opens (DOMAIN.md). */
public enum ContributingFactor {
    OVERUSE, UNEVEN_GROUND, CHANGED_FORM, WEAK_GLUTES_OR_HAMSTRINGS, PROLONGED_SITTING, OTHER
}
