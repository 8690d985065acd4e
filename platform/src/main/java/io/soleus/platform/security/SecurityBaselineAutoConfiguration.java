package io.soleus.platform.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth2 resource server: each request carries a JWT whose {@code roles} claim
 * (ADMIN, THERAPIST, CLIENT) becomes its authorities and whose {@code clinics} claim scopes a
 * therapist. Only the health and info probes and the OpenAPI description are open. Tokens are verified with the issuer's keys
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 * {@code public-key-location}); without one of those the service does not start. A token must be
 * signed by those keys, unexpired, from the issuer, and meant for Soleus' APIs: its {@code aud} names
 * {@code soleus-api} ({@code SOLEUS_JWT_AUDIENCE}).
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
@EnableMethodSecurity
public class SecurityBaselineAutoConfiguration {

    public static final String ROLES_CLAIM = "roles";

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain soleusSecurityFilterChain(HttpSecurity http, ProblemAuthenticationHandlers problems)
            throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers("/error").permitAll()
                        // the API's description holds no data; calls made from Swagger UI still need a token
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(soleusJwtAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .build();
    }

    /**
     * The issuer a token must name, where the service is given the issuer's key directly
     * ({@code public-key-location}): Spring Boot checks the issuer itself only where it finds the keys
     * through the issuer ({@code issuer-uri}). Expiry, signature and audience are checked everywhere.
     */
    @Bean
    @ConditionalOnProperty("soleus.security.jwt.issuer")
    OAuth2TokenValidator<Jwt> soleusIssuerValidator(@Value("${soleus.security.jwt.issuer}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }

    @Bean
    ProblemAuthenticationHandlers problemAuthenticationHandlers() {
        return new ProblemAuthenticationHandlers();
    }

    static Converter<Jwt, AbstractAuthenticationToken> soleusJwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
