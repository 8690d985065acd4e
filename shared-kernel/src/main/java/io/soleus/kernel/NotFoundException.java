package io.soleus.kernel;

/** What was asked for does not exist, or is outside what the actor may see: to them, both are nothing. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
