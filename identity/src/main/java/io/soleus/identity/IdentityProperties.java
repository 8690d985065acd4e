package io.soleus.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provider's settings ({@code soleus.identity.*}): the web front end it signs people in for,
 * the audience its access tokens are for (Soleus' APIs, which refuse tokens for any other), how
 * long tokens live, how long an invitation to claim a client's sign-in holds, the first admin, and
 * the development token endpoint (off unless enabled).
 */
@ConfigurationProperties("soleus.identity")
public record IdentityProperties(WebClient webClient,
                                 @DefaultValue("soleus-api") String apiAudience,
                                 @DefaultValue("10m") Duration accessTokenTtl,
                                 @DefaultValue("8h") Duration refreshTokenTtl,
                                 @DefaultValue("14d") Duration invitationTtl,
                                 @DefaultValue BootstrapAdmin bootstrapAdmin,
                                 @DefaultValue DevTokens devTokens) {

    /**
     * The web front end as an OAuth2 client: confidential (its secret from the environment), using
     * the authorization code flow with PKCE, and where it may send people back to.
     */
    public record WebClient(@DefaultValue("soleus-web") String id, String secret, List<String> redirectUris,
                            List<String> postLogoutRedirectUris) {

        /** Where someone signed in (or up) here goes when no front end sent them: the front end's address. */
        public String frontEnd() {
            List<String> redirects = redirectUris == null ? List.of()
                    : redirectUris.stream().filter(uri -> !uri.isBlank()).toList();
            if (redirects.isEmpty()) {
                return "/login";
            }
            java.net.URI uri = java.net.URI.create(redirects.get(0));
            return uri.getScheme() + "://" + uri.getAuthority() + "/";
        }
    }

    /** An admin account made at start-up when none with this email exists: how a new installation gets its first admin. */
    public record BootstrapAdmin(String email, String password, @DefaultValue("Administrator") String name) {

        public boolean wanted() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }

    /**
     * Tokens for any subject on request, for the local platform's demo data and system tests: never on
     * in production. The caller authenticates with HTTP Basic as {@code soleus-dev} and this secret.
     */
    public record DevTokens(@DefaultValue("false") boolean enabled, String secret) {
    }
}
