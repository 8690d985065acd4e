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
 * The person signed in, as the provider's ID token tells: their subject (the client's or therapist's
 * id), name, email, roles and, for a therapist, clinics. Pages use it to choose what to show; the
 * services decide again from the access token on every call.
 */
public record SignedIn(String subject, String name, String email, Set<String> roles, List<String> clinics) {

    /** The provider's registration, and where a browser starts signing in. */
    public static final String REGISTRATION = "soleus";
    public static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

    /** The person's id: a client's or therapist's id in booking. */
    public UUID id() {
        return UUID.fromString(subject);
    }

    public static SignedIn from(Authentication authentication, String clinicsClaim) {
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).map(authority -> authority.substring(5))
                .collect(Collectors.toUnmodifiableSet());
        if (authentication.getPrincipal() instanceof OidcUser user) {
            String name = user.getFullName() != null ? user.getFullName() : user.getSubject();
            return new SignedIn(user.getSubject(), name, user.getEmail(), roles, listClaim(user.getClaims(), clinicsClaim));
        }
        return new SignedIn(authentication.getName(), authentication.getName(), null, roles, List.of());
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
