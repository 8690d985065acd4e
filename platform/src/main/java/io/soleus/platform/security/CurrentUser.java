package io.soleus.platform.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from the request's verified token: its subject, its {@code roles} claim, and
 * for a therapist the clinics of its {@code clinics} claim, as the domain's {@link Actor}. Controllers
 * hand the actor to commands and queries; nothing beyond them knows of tokens.
 */
public final class CurrentUser {

    public static final String CLINICS_CLAIM = "clinics";

    private CurrentUser() {
    }

    public static Actor get() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Actor from(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("No authenticated JWT on this request");
        }
        Jwt jwt = token.getToken();
        Set<Role> roles = listClaim(jwt, SecurityBaselineAutoConfiguration.ROLES_CLAIM).stream()
                .filter(role -> Set.of("ADMIN", "THERAPIST", "CLIENT").contains(role))
                .map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
        return new Actor(jwt.getSubject(), roles, Set.copyOf(listClaim(jwt, CLINICS_CLAIM)));
    }

    private static List<String> listClaim(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
