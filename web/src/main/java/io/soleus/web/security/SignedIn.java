package io.soleus.web.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The person signed in, as the provider's ID token tells: their subject (the provider's name for the
 * sign-in), name, email, roles, for a therapist the clinics, and who they are in booking: the client
 * ({@code clientId}) or therapist ({@code therapistId}) the sign-in is linked to. Pages use it to
 * choose what to show; the services decide again from the access token on every call.
 */
public record SignedIn(String subject, String name, String email, Set<String> roles, List<String> clinics,
                       String clientId, String therapistId) {

    /** The provider's registration, and where a browser starts signing in. */
    public static final String REGISTRATION = "soleus";
    public static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;
    /** The ID token's claims naming the client or therapist the sign-in is linked to. */
    static final String CLIENT_CLAIM = "clientId";
    static final String THERAPIST_CLAIM = "therapistId";

    /** The client this sign-in acts as; a client's pages are only for sign-ins linked to one. */
    public UUID client() {
        return UUID.fromString(java.util.Objects.requireNonNull(clientId, "this sign-in is linked to no client"));
    }

    /** The therapist this sign-in is; a therapist's pages are only for sign-ins linked to one. */
    public UUID therapist() {
        return UUID.fromString(java.util.Objects.requireNonNull(therapistId, "this sign-in is linked to no therapist"));
    }

    /** Whether this is the therapist's own sign-in. */
    public boolean isTherapist(UUID therapist) {
        return therapist.toString().equals(therapistId);
    }

    public static SignedIn from(Authentication authentication, String clinicsClaim) {
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .collect(Collectors.toUnmodifiableSet());
        if (authentication.getPrincipal() instanceof OidcUser user) {
            String name = user.getFullName() != null ? user.getFullName() : user.getSubject();
            return new SignedIn(user.getSubject(), name, user.getEmail(), roles, listClaim(user.getClaims(), clinicsClaim),
                    user.getClaimAsString(CLIENT_CLAIM), user.getClaimAsString(THERAPIST_CLAIM));
        }
        return new SignedIn(authentication.getName(), authentication.getName(), null, roles, List.of(), null, null);
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }

    public boolean isTherapist() {
        return roles.contains("THERAPIST");
    }

    public boolean isClient() {
        return roles.contains("CLIENT");
    }

    /** The first name, for a greeting. */
    public String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    static List<String> listClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
