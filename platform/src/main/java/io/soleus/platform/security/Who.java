package io.soleus.platform.security;

import java.util.Arrays;
import java.util.Map;

import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;

/**
 * Who may call an endpoint, from the caller's token and the ids its path names: by role, as the
 * therapist or client the path names, or as staff of the clinic the path names.
 */
@FunctionalInterface
public interface Who {

    boolean allows(Actor caller, Map<String, String> path);

    default Who or(Who other) {
        return (caller, path) -> allows(caller, path) || other.allows(caller, path);
    }

    /** Callers holding any of {@code roles}. */
    static Who any(Role... roles) {
        return (caller, path) -> Arrays.stream(roles).anyMatch(caller::is);
    }

    /**
     * The person themself: a client's login linked to the client the path's {@code variable} names, or
     * a therapist's linked to the therapist it names.
     */
    static Who self(Role role, String variable) {
        return (caller, path) -> {
            String id = path.get(variable);
            return id != null && switch (role) {
                case CLIENT -> caller.isClient(id);
                case THERAPIST -> caller.isTherapist(id);
                case ADMIN -> false;
            };
        };
    }

    /** Staff of the clinic the path's {@code variable} names: admins, and therapists whose token lists it. */
    static Who staffOf(String variable) {
        return (caller, path) -> path.get(variable) != null && caller.worksAt(path.get(variable));
    }
}
