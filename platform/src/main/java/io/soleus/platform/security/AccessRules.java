package io.soleus.platform.security;

/**
 * A service's table of who may call which of its endpoints: by role, or as the caller a path names
 * (the therapist or client themself). The platform applies every service's table in the security
 * filter chain, before a request reaches a controller, so a caller who may not call an endpoint is
 * refused with 403 before its body is read or validated. An endpoint no table names is refused to
 * everyone: a new endpoint is closed until its rule is written. Which records of its scope a caller
 * then sees (a therapist's clinics, a client's own) is the service's policy, decided on the data.
 */
@FunctionalInterface
public interface AccessRules {

    void declare(Access access);
}
