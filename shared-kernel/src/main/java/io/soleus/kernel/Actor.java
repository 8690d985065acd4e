package io.soleus.kernel;

import java.util.Set;

/**
 * Who is acting, as the domain sees them: the login's subject, their roles, and for a therapist the
 * clinics they work at. Commands carry it, so the rules that depend on who acts are decided on it;
 * where it comes from (a verified token) is the platform's business, not the domain's.
 */
public record Actor(String subject, Set<Role> roles, Set<String> clinics) {

    public enum Role { ADMIN, THERAPIST, CLIENT }

    public Actor {
        roles = Set.copyOf(roles);
        clinics = Set.copyOf(clinics);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Admins work everywhere; therapists at the clinics they were given. */
    public boolean worksAt(String clinicId) {
        return is(Role.ADMIN) || (is(Role.THERAPIST) && clinics.contains(clinicId));
    }

    /** A client acting for themself: their subject is the client's id. */
    public boolean isClient(String clientId) {
        return is(Role.CLIENT) && subject.equals(clientId);
    }

    /** Neither admin nor therapist. */
    public boolean isClientOnly() {
        return !is(Role.ADMIN) && !is(Role.THERAPIST);
    }
}
