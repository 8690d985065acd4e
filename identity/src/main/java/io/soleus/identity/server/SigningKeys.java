package io.soleus.identity.server;

import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA key tokens are signed with. Made on the first start and kept in the database, so a restart
 * or a second instance signs with the key the services already trust; the services learn it from the
 * provider's JWK set. An advisory lock makes two instances starting together agree on one key.
 */
@Component
class SigningKeys {

    private static final long LOCK = 0x5013_0051_4E00_0001L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SigningKeys(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    JWKSet current() {
        RSAKey key = transaction.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK);
            return jdbc.query("SELECT jwk FROM signing_key ORDER BY created_at DESC LIMIT 1", (row, i) -> parse(row.getString(1)))
                    .stream().findFirst().orElseGet(this::generate);
        });
        return new JWKSet(key);
    }

    private RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            jdbc.update("INSERT INTO signing_key (key_id, jwk) VALUES (?, ?)", key.getKeyID(), key.toJSONString());
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make a signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key is unreadable", e);
        }
    }
}
