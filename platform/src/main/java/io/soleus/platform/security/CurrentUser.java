package io.soleus.platform.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling and what they may see: the subject, the roles, and for a therapist the clinics of
 * the {@code clinics} claim. Services scope their queries and commands with it.
 */
public record CurrentUser(String subject, Set<Role> roles, Set<String> clinics) {

    public static final String CLINICS_CLAIM = "clinics";

    public enum Role { ADMIN, THERAPIST, CLIENT }

    public static CurrentUser get() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static CurrentUser from(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("No authenticated JWT on this request");
        }
        Jwt jwt = token.getToken();
        Set<Role> roles = listClaim(jwt, SecurityBaselineAutoConfiguration.ROLES_CLAIM).stream()
                .filter(role -> Set.of("ADMIN", "THERAPIST", "CLIENT").contains(role))
                .map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
        return new CurrentUser(jwt.getSubject(), roles, Set.copyOf(listClaim(jwt, CLINICS_CLAIM)));
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Admins see every clinic; therapists the clinics of their claim; clients none as staff. */
    public boolean worksAt(String clinicId) {
        return is(Role.ADMIN) || (is(Role.THERAPIST) && clinics.contains(clinicId));
    }

    private static List<String> listClaim(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
