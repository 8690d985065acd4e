package io.soleus.identity.account;

import java.util.List;
import java.util.Set;

/**
 * Someone who signs in: their subject (the id the services know them by), sign-in email, name,
 * roles ({@code ADMIN}, {@code THERAPIST}, {@code CLIENT}), for a therapist the clinics they work
 * at, and the language of the pages. The password's hash stays with {@link Accounts}.
 */
public record Account(String subject, String email, String name, Set<Role> roles, List<String> clinics, String locale) {

    public enum Role { ADMIN, THERAPIST, CLIENT }

    public Account {
        roles = Set.copyOf(roles);
        clinics = List.copyOf(clinics);
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::name).sorted().toList();
    }
}
