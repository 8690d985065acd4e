package io.soleus.platform.web;

/** What the caller asked for does not exist, or is outside what the caller may see: both are a 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
