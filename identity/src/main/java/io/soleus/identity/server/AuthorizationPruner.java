package io.soleus.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets authorizations whose code, access token and refresh token have all expired: Spring
 * Authorization Server keeps them forever otherwise, and every token request searches the table.
 */
@Component
class AuthorizationPruner {

    private final JdbcTemplate jdbc;

    AuthorizationPruner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${soleus.identity.prune-every:PT10M}", initialDelayString = "PT1M")
    int prune() {
        return jdbc.update("""
                DELETE FROM oauth2_authorization
                WHERE greatest(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at)
                      < now() - interval '1 hour'""");
    }
}
