package io.soleus.kernel.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the JSON of version {@link #fromVersion()} of a contract into the JSON of the next version. */
public interface Upcaster {

    String type();

    int fromVersion();

    ObjectNode upcast(ObjectNode json);
}
