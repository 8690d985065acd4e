package io.soleus.platform.security;

import java.util.function.Supplier;

import io.soleus.kernel.Actor.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** The vocabulary of {@link AccessRules}: {@code access.post("/clinics").by(ADMIN)}, or {@code .by(}{@link Who}{@code )}. */
public final class Access {

    private final AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests;

    Access(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        this.requests = requests;
    }

    public Endpoint get(String... paths) {
        return new Endpoint(HttpMethod.GET, paths);
    }

    public Endpoint post(String... paths) {
        return new Endpoint(HttpMethod.POST, paths);
    }

    public Endpoint put(String... paths) {
        return new Endpoint(HttpMethod.PUT, paths);
    }

    public Endpoint delete(String... paths) {
        return new Endpoint(HttpMethod.DELETE, paths);
    }

    /** Endpoints of one method and their paths (Spring path patterns, with {@code {variables}}). */
    public final class Endpoint {

        private final HttpMethod method;
        private final String[] paths;

        private Endpoint(HttpMethod method, String[] paths) {
            this.method = method;
            this.paths = paths;
        }

        /** Callers holding any of {@code roles}. */
        public void by(Role... roles) {
            by(Who.any(roles));
        }

        public void by(Who who) {
            requests.requestMatchers(method, paths).access(new Rule(who));
        }

        /**
         * Anyone holding the unguessable secret the path itself carries, with no token: for what a
         * program that cannot sign in fetches (a calendar app). The handler resolves the secret and
         * answers 404 to any it does not know, so the secret is the endpoint's whole authority.
         */
        public void byHolderOfTheSecretInThePath() {
            requests.requestMatchers(method, paths).permitAll();
        }
    }

    /** Allows a caller signed in with a Soleus token whom {@code who} names. */
    record Rule(Who who) implements AuthorizationManager<RequestAuthorizationContext> {

        @Override
        @SuppressWarnings("deprecation") // check is still the method to implement in Spring Security 6
        public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext request) {
            Authentication caller = authentication.get();
            boolean signedIn = caller instanceof JwtAuthenticationToken && caller.isAuthenticated();
            return new AuthorizationDecision(signedIn && who.allows(CurrentUser.from(caller), request.getVariables()));
        }
    }
}
