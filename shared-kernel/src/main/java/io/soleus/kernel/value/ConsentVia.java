package io.soleus.kernel.value;

/** Where consent was given or withdrawn: in the client's intake form, or at the clinic's desk with staff. */
public enum ConsentVia {
    INTAKE, DESK
}
