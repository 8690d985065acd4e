package io.soleus.identity.account;

import java.util.List;
import java.util.Set;

/**
 * Someone who signs in: their subject (this provider's own name for the sign-in), sign-in email, name,
 * roles ({@code ADMIN}, {@code THERAPIST}, {@code CLIENT}), for a therapist the clinics they work at,
 * the language of the pages, and who they are in booking: the client a client's sign-in acts as, the
 * therapist a therapist's sign-in is. Tokens carry those links in claims of their own, so no service
 * takes a subject for an id. The password's hash stays with {@link Accounts}.
 */
public record Account(String subject, String email, String name, Set<Role> roles, List<String> clinics, String locale,
                      String clientId, String therapistId) {

    public enum Role { ADMIN, THERAPIST, CLIENT }

    public Account {
        roles = Set.copyOf(roles);
        clinics = List.copyOf(clinics);
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
