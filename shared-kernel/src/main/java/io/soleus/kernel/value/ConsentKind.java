package io.soleus.kernel.value;

/**
 * What a client consents to at a clinic. Treatment records need both: the treatment itself and the
 * processing of the clinical data it produces.
 */
public enum ConsentKind {
    TREATMENT, DATA_PROCESSING
}
