package io.soleus.identity.server;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.soleus.identity.IdentityProperties;
import io.soleus.identity.account.Account;
import io.soleus.identity.account.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The OpenID Connect provider: its protocol endpoints (authorize with PKCE, token, JWK set,
 * discovery, user info, RP-initiated logout), the sign-in and sign-up pages, and the admins' account
 * API. Tokens carry the account's {@code roles} and {@code clinics}; their subject is the account's.
 */
@Configuration
@EnableMethodSecurity
class AuthorizationServerConfiguration {

    static final String ROLES = "roles";
    static final String CLINICS = "clinics";
    static final String CLIENT_ID = "clientId";
    static final String THERAPIST_ID = "therapistId";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // a browser sent to authorize without a session signs in (or up) first
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        AuthorizationServerConfiguration::signInOrUp, new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                // the user info endpoint takes the access tokens it issued
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .build();
    }

    /**
     * Where a browser that must sign in first goes: the sign-up page when the front end asked for it
     * ({@code screen_hint=signup}, the convention of several providers), else the sign-in page; in the
     * language the front end named ({@code ui_locales}).
     */
    static void signInOrUp(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String page = "signup".equals(request.getParameter("screen_hint")) ? "/signup" : "/login";
        String languages = request.getParameter("ui_locales");
        String language = languages == null ? null : Stream.of(languages.split(" "))
                .filter(wanted -> wanted.startsWith("de") || wanted.startsWith("en")).findFirst()
                .map(wanted -> wanted.substring(0, 2)).orElse(null);
        response.sendRedirect(request.getContextPath() + page + (language == null ? "" : "?lang=" + language));
    }

    /** The account API: bearer tokens of this provider with the ADMIN role, no session, no cookies. */
    @Bean
    @Order(2)
    SecurityFilterChain accountApi(HttpSecurity http) throws Exception {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return http.securityMatcher("/accounts/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only: nothing for a forged request to ride on
                .build();
    }

    /** Sign-in and sign-up pages for people, with their own session cookie and CSRF tokens. */
    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, IdentityProperties properties) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/signup", "/identity.css", "/favicon.svg", "/error").permitAll()
                        .anyRequest().authenticated())
                // signed in at the provider itself (not sent by the front end): on to the front end
                .formLogin(form -> form.loginPage("/login").usernameParameter("email")
                        .defaultSuccessUrl(properties.webClient().frontEnd(), false))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Only this provider's own scripts, styles and images; forms may post here and, as the sign-in
     * redirects on to the front end, to the front end's origins.
     */
    static String contentSecurityPolicy(IdentityProperties properties) {
        Set<String> formTargets = new LinkedHashSet<>(List.of("'self'"));
        Stream.concat(list(properties.webClient().redirectUris()).stream(),
                        list(properties.webClient().postLogoutRedirectUris()).stream())
                .map(URI::create).map(uri -> uri.getScheme() + "://" + uri.getAuthority()).forEach(formTargets::add);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'self'; frame-ancestors 'none'; form-action " + String.join(" ", formTargets);
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties, PasswordEncoder passwords) {
        IdentityProperties.WebClient web = properties.webClient();
        if (web.secret() == null || web.secret().isBlank()) {
            throw new IllegalStateException(
                    "The web front end's client secret is not set: soleus.identity.web-client.secret (SOLEUS_WEB_CLIENT_SECRET)");
        }
        RegisteredClient client = RegisteredClient.withId(web.id())
                .clientId(web.id())
                .clientName("Soleus")
                .clientSecret(passwords.encode(web.secret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(list(web.redirectUris())))
                .postLogoutRedirectUris(uris -> uris.addAll(list(web.postLogoutRedirectUris())))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                // PKCE even for this confidential client; our own front end needs no consent screen
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        // reused, not rotated: a page's requests refreshing at the same moment would otherwise
                        // race, and the loser would be signed out
                        .reuseRefreshTokens(true)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(client);
    }

    /** Kept in the database: sign-ins survive a restart, and every instance knows every code and token. */
    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /**
     * The account's roles, clinics and the client or therapist it is linked to ({@code clientId},
     * {@code therapistId}) in access tokens, which are for the web front end and for Soleus' APIs (their
     * {@code aud}); its name, email, roles, links and language in ID tokens. The lists are plain
     * {@link ArrayList}s: the stored authorization keeps the claims as JSON, and Spring Security reads
     * back only the collection types it allows.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accountClaims(Accounts accounts, IdentityProperties properties) {
        return context -> accounts.bySubject(context.getPrincipal().getName()).ifPresentOrElse(account -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().claim(ROLES, new ArrayList<>(account.roleNames()))
                        .claim(CLINICS, new ArrayList<>(account.clinics()))
                        .claims(claims -> links(claims, account))
                        // for the client that asked (the web front end) and for the APIs it calls with it
                        .claims(claims -> claims.put(JwtClaimNames.AUD,
                                withAudience(claims.get(JwtClaimNames.AUD), properties.apiAudience())));
            } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claim("name", account.name()).claim("email", account.email())
                        .claim(ROLES, new ArrayList<>(account.roleNames()))
                        .claim(CLINICS, new ArrayList<>(account.clinics()))
                        .claims(claims -> links(claims, account))
                        .claim("locale", account.locale());
            }
        }, () -> {
            // a person whose account was deleted (a forgotten client) gets no token again, not even by refreshing
            if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                    || AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "the account was deleted", null));
            }
        });
    }

    /** Who the sign-in is in booking: never its subject, always a claim of its own. */
    private static void links(Map<String, Object> claims, Account account) {
        if (account.clientId() != null) {
            claims.put(CLIENT_ID, account.clientId());
        }
        if (account.therapistId() != null) {
            claims.put(THERAPIST_ID, account.therapistId());
        }
    }

    private static List<String> withAudience(Object audiences, String audience) {
        List<String> all = new ArrayList<>();
        if (audiences instanceof Collection<?> many) {
            many.forEach(one -> all.add(one.toString()));
        } else if (audiences != null) {
            all.add(audiences.toString());
        }
        if (!all.contains(audience)) {
            all.add(audience);
        }
        return all;
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.current());
    }

    /** Signs the provider's tokens, and the development tokens where those are on. */
    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(value -> !value.isBlank()).collect(Collectors.toList());
    }
}
