package io.soleus.web.security;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;

import io.soleus.web.WebProperties;

/**
 * Who may open which page, and how people sign in and out. Sign-in is OpenID Connect's
 * authorization code flow with PKCE against the configured provider; the tokens stay in the
 * server-side session and never reach the browser. Clients' pages are under {@code /me},
 * therapists' under {@code /work}, admins' under {@code /admin}; the services check every call
 * again with the person's own token. CSRF tokens guard every change (htmx sends the token as a
 * header), and the Content-Security-Policy allows nothing but this module's own assets.
 */
@Configuration
class WebSecurity {

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations,
                              GrantedAuthoritiesMapper roles, LocaleResolver languages) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/?signed-out");
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/livez", "/readyz").permitAll()
                        // calendar apps fetch a feed with its link's secret alone; booking checks the secret
                        .requestMatchers(HttpMethod.GET, "/calendar/*").permitAll()
                        .requestMatchers("/", "/signup", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.svg",
                                "/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/work/**").hasRole("THERAPIST")
                        .requestMatchers("/me/**").hasRole("CLIENT")
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage(SignedIn.SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
                                AuthorizationRequests.resolver(registrations, languages)))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(roles))
                        .defaultSuccessUrl("/", false))
                // a page fragment or a live stream asked for without a session cannot follow a redirect to the
                // provider: 401, and htmx sends the whole page to sign in
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), WebSecurity::backgroundRequest))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(registrations)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }

    /**
     * Only this module's scripts, styles, images and connections; forms post here and, for signing
     * out, to the provider.
     */
    static String contentSecurityPolicy(ClientRegistrationRepository registrations) {
        URI provider = URI.create(registrations.findByRegistrationId(SignedIn.REGISTRATION).getProviderDetails().getAuthorizationUri());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                + "form-action 'self' " + provider.getScheme() + "://" + provider.getAuthority();
    }

    /** The provider's {@code roles} claim, as Spring Security authorities ({@code ROLE_ADMIN}, …). */
    @Bean
    GrantedAuthoritiesMapper roles(WebProperties properties) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            authorities.stream().filter(OidcUserAuthority.class::isInstance).map(OidcUserAuthority.class::cast)
                    .forEach(oidc -> SignedIn.listClaim(oidc.getIdToken().getClaims(), properties.rolesClaim())
                            .forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role))));
            return mapped;
        };
    }

    /** A request a page's script makes (htmx, a live stream, the dashboard's figures): it cannot follow a sign-in. */
    static boolean backgroundRequest(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("HX-Request") != null
                || accept != null && (accept.contains("text/event-stream") || accept.startsWith("application/json"));
    }
}
