package io.soleus.kernel;

import io.soleus.kernel.id.ClientId;

/**
 * An event that is part of one client's record. The platform's audit trail lists it under that
 * client, and so does every later event of the same aggregate (a case's techniques name the case,
 * not the client).
 */
public interface AboutClient {

    ClientId clientId();
}
