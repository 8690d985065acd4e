package io.soleus.identity.dev;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.soleus.identity.IdentityProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens for any subject, signed like every other: how the local platform writes its demo data
 * through the public APIs as the admin, each therapist and each client, and how system tests act as
 * them. A token names the client or therapist it acts as in its own claims, as a sign-in's would. Off unless {@code soleus.identity.dev-tokens.enabled}; then only for HTTP Basic as
 * {@code soleus-dev} with the configured secret. Never on in production.
 */
@Configuration
class DevTokens {

    static final String CALLER = "soleus-dev";
    private static final Duration LONGEST = Duration.ofDays(1);

    @Bean
    @Order(3)
    SecurityFilterChain devTokenEndpoint(HttpSecurity http, IdentityProperties properties, PasswordEncoder passwords,
                                         AuthorizationServerSettings settings) throws Exception {
        IdentityProperties.DevTokens dev = properties.devTokens();
        http.securityMatcher("/dev/**")
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // HTTP Basic on every request, no cookies
        if (!dev.enabled() || dev.secret() == null || dev.secret().isBlank()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll()).build();
        }
        requireLocal(settings.getIssuer());
        return http.authorizeHttpRequests(requests -> requests.anyRequest().hasRole("DEV_TOKENS"))
                .httpBasic(Customizer.withDefaults())
                .userDetailsService(new InMemoryUserDetailsManager(User.withUsername(CALLER)
                        .password(passwords.encode(dev.secret())).roles("DEV_TOKENS").build()))
                .build();
    }

    /**
     * Tokens for anyone are for a provider on this machine only: with an issuer people reach from
     * elsewhere, the provider refuses to start rather than hand them out.
     */
    static void requireLocal(String issuer) {
        String host = java.net.URI.create(issuer).getHost();
        if (!"localhost".equals(host) && !"127.0.0.1".equals(host)) {
            throw new IllegalStateException("Development tokens are for a provider on localhost, not for " + issuer
                    + ": turn soleus.identity.dev-tokens.enabled (SOLEUS_DEV_TOKENS) off");
        }
    }

    @RestController
    static class DevTokenController {

        record TokenRequest(@NotBlank @Size(max = 100) String subject, @NotNull List<@NotBlank String> roles,
                            List<@NotBlank String> clinics, @Size(max = 100) String clientId,
                            @Size(max = 100) String therapistId, Duration validFor) {
        }

        private final JwtEncoder encoder;
        private final AuthorizationServerSettings settings;
        private final String apiAudience;

        DevTokenController(JwtEncoder encoder, AuthorizationServerSettings settings, IdentityProperties properties) {
            this.encoder = encoder;
            this.settings = settings;
            this.apiAudience = properties.apiAudience();
        }

        @PostMapping("/dev/tokens")
        Map<String, Object> mint(@Valid @RequestBody TokenRequest request) {
            Duration validFor = request.validFor() == null || request.validFor().compareTo(LONGEST) > 0
                    ? LONGEST : request.validFor();
            Instant now = Instant.now();
            JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(settings.getIssuer()).subject(request.subject())
                    .audience(List.of(apiAudience))
                    .issuedAt(now).expiresAt(now.plus(validFor))
                    .claim("roles", request.roles())
                    .claim("clinics", request.clinics() == null ? List.of() : request.clinics());
            if (request.clientId() != null) {
                claims.claim("clientId", request.clientId());
            }
            if (request.therapistId() != null) {
                claims.claim("therapistId", request.therapistId());
            }
            String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                            claims.build()))
                    .getTokenValue();
            return Map.of("access_token", token, "token_type", "Bearer", "expires_in", validFor.toSeconds());
        }
    }
}
