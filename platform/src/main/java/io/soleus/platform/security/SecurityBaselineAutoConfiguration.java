package io.soleus.platform.security;

import java.util.List;

import io.soleus.kernel.Actor.Role;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every service is an OAuth2 resource server: each request carries a JWT whose {@code roles} claim
 * (ADMIN, THERAPIST, CLIENT) becomes its authorities and whose {@code clinics} claim scopes a
 * therapist. Who may call which endpoint is each service's {@link AccessRules}, applied here before
 * the request reaches a controller. Only the health and info probes ({@code /livez}, {@code /readyz} too), the OpenAPI
 * description, and metrics on a management port of their own are open. Tokens are verified with the issuer's keys
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 * {@code public-key-location}); without one of those the service does not start. A token must be
 * signed by those keys, unexpired, from the issuer, and meant for Soleus' APIs: its {@code aud} names
 * {@code soleus-api} ({@code SOLEUS_JWT_AUDIENCE}).
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class})
public class SecurityBaselineAutoConfiguration {

    public static final String ROLES_CLAIM = "roles";

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain soleusSecurityFilterChain(HttpSecurity http, ProblemAuthenticationHandlers problems,
                                                  Environment environment, List<AccessRules> services) throws Exception {
        return http
                .authorizeHttpRequests(requests -> {
                    requests
                            .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                            .requestMatchers(HttpMethod.GET, "/livez", "/readyz").permitAll()
                            .requestMatchers(scrapeOnManagementPort(environment)).permitAll()
                            .requestMatchers("/error").permitAll()
                            // the API's description holds no data; calls made from Swagger UI still need a token
                            .requestMatchers(HttpMethod.GET, "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                            .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN");
                    Access access = new Access(requests);
                    services.forEach(rules -> rules.declare(access));
                    requests.anyRequest().denyAll(); // an endpoint no rule names is closed
                })
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
     * Prometheus scrapes {@code /actuator/prometheus} without a token only where the actuator has a
     * port of its own ({@code SOLEUS_MANAGEMENT_PORT}), which the API's Service and ingress never
     * expose and a network policy opens to the monitoring namespace alone. On the API's port, metrics
     * need an admin's token like every other actuator endpoint but health.
     */
    static RequestMatcher scrapeOnManagementPort(Environment environment) {
        if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
            return request -> false;
        }
        return EndpointRequest.to(PrometheusScrapeEndpoint.class);
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

    /**
     * A service that defines a security filter chain of its own replaces the platform's, and with it
     * every access table: it does not start, rather than run with no rule applied.
     */
    @Bean
    SmartInitializingSingleton accessRulesAreApplied(ApplicationContext context) {
        return () -> {
            if (!context.containsBean("soleusSecurityFilterChain")) {
                throw new IllegalStateException("A SecurityFilterChain of the service's own replaces the platform's: "
                        + "its AccessRules would not be applied");
            }
        };
    }

    /** The platform's own endpoints: dead letters and the development clock are for admins. */
    @Bean
    AccessRules platformAccessRules() {
        return access -> {
            access.get("/admin/dead-letters/**").by(Role.ADMIN);
            access.post("/admin/dead-letters/**").by(Role.ADMIN);
            access.get("/dev/clock").by(Role.ADMIN);
            access.put("/dev/clock").by(Role.ADMIN);
        };
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
