package io.soleus.platform.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.platform.command.Commands.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The requests sent under an {@link IdempotencyKey}, one row per caller and key, written in the
 * command's own transaction: the request's fingerprint (endpoint and body) and, once the command is
 * done, its answer. A repeat finds the row and is answered from it.
 */
final class IdempotentRequests {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;

    IdempotentRequests(JdbcTemplate jdbc, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Claims the key for this request: empty when it is the first, the earlier answer when the same
     * request was sent before; the same key with another endpoint or body is refused.
     */
    <R> Optional<Outcome<R>> claim(IdempotencyKey key, Object request, Class<R> answerType) {
        String fingerprint = fingerprint(List.of(key.endpoint(), request));
        int claimed = jdbc.update("""
                INSERT INTO idempotent_request (caller, idempotency_key, fingerprint, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", key.caller(), key.value(), fingerprint, Timestamp.from(clock.instant()));
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT fingerprint, result FROM idempotent_request WHERE caller = ? AND idempotency_key = ?",
                (row, i) -> {
                    if (!row.getString("fingerprint").equals(fingerprint)) {
                        throw new IdempotencyKeyReusedException();
                    }
                    return new Outcome<>(read(row.getString("result"), answerType), true);
                }, key.caller(), key.value()).stream().findFirst();
    }

    /** Keeps the answer of the request the key was claimed for. */
    void answered(IdempotencyKey key, Object answer) {
        jdbc.update("UPDATE idempotent_request SET result = ? WHERE caller = ? AND idempotency_key = ?",
                json(answer), key.caller(), key.value());
    }

    int forgetOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store a command result as JSON", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored command result", e);
        }
    }
}
