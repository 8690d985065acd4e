package io.soleus.kernel;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting, as the domain sees them: the login's subject, their roles, for a therapist the
 * clinics they work at, and the people the login is linked to: the client a client's login acts as,
 * the therapist a therapist's login is. The links are explicit (the provider says them); a login's
 * subject is the provider's name for it and is never taken for a client's or therapist's id. Commands
 * carry the actor, so the rules that depend on who acts are decided on it; where it comes from (a
 * verified token) is the platform's business, not the domain's.
 */
public record Actor(String subject, Set<Role> roles, Set<String> clinics, String clientId, String therapistId) {

    public enum Role { ADMIN, THERAPIST, CLIENT }

    public Actor {
        roles = Set.copyOf(roles);
        clinics = Set.copyOf(clinics);
    }

    /** A login linked to no client or therapist: an admin's, or a system's. */
    public Actor(String subject, Set<Role> roles, Set<String> clinics) {
        this(subject, roles, clinics, null, null);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Admins work everywhere; therapists at the clinics they were given. */
    public boolean worksAt(String clinicId) {
        return is(Role.ADMIN) || (is(Role.THERAPIST) && clinics.contains(clinicId));
    }

    /** A client acting for themself: their login is linked to this client. */
    public boolean isClient(String clientId) {
        return is(Role.CLIENT) && clientId.equals(this.clientId);
    }

    /** A therapist acting as themself: their login is linked to this therapist. */
    public boolean isTherapist(String therapistId) {
        return is(Role.THERAPIST) && therapistId.equals(this.therapistId);
    }

    /** Neither admin nor therapist. */
    public boolean isClientOnly() {
        return !is(Role.ADMIN) && !is(Role.THERAPIST);
    }

    /** The client a client's login acts as. */
    public Optional<String> client() {
        return is(Role.CLIENT) ? Optional.ofNullable(clientId) : Optional.empty();
    }

    /** The therapist a therapist's login is. */
    public Optional<String> therapist() {
        return is(Role.THERAPIST) ? Optional.ofNullable(therapistId) : Optional.empty();
    }

    /**
     * The id records name this person by (who changed or read a record): the therapist's or the
     * client's id where the login is linked to one, the login's subject for an admin.
     */
    public String id() {
        return therapist().or(this::client).orElse(subject);
    }
}
