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
 * Who is calling, read from the request's verified token: its subject, its {@code roles} claim, for a
 * therapist the clinics of its {@code clinics} claim, and the people the login is linked to: the
 * client of its {@code clientId} claim, the therapist of its {@code therapistId} claim, as the domain's
 * {@link Actor}. A login's subject never stands for a client or therapist. Controllers hand the actor
 * to commands and queries; nothing beyond them knows of tokens.
 */
public final class CurrentUser {

    public static final String CLINICS_CLAIM = "clinics";
    /** The client a client's login acts as (not RFC 9068's {@code client_id}, the OAuth client). */
    public static final String CLIENT_CLAIM = "clientId";
    /** The therapist a therapist's login is. */
    public static final String THERAPIST_CLAIM = "therapistId";

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
        return new Actor(jwt.getSubject(), roles, Set.copyOf(listClaim(jwt, CLINICS_CLAIM)),
                jwt.getClaimAsString(CLIENT_CLAIM), jwt.getClaimAsString(THERAPIST_CLAIM));
    }

    private static List<String> listClaim(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
