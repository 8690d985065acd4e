package io.soleus.booking.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.codec.Personal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secrets of the calendar subscription links: issued one per therapist or client (a new one
 * revokes the last), revoked on request, and resolved back to their owner when a calendar app
 * fetches the feed. A secret is 256 random bits; only its SHA-256 hash is stored, so the table
 * opens no calendar and the secret is shown to its owner once, when it is issued.
 */
@Component
public class FeedLinks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /** Whose sessions a feed lists. */
    public enum Kind { THERAPIST, CLIENT }

    public record Owner(Kind kind, UUID id) {
    }

    /** A new link's secret, shown once, and when it was issued. */
    public record Issued(String secret, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FeedLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new secret for {@code owner}'s feed; the link they had stops working. */
    public Issued issue(Owner owner) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = URL_SAFE.encodeToString(random);
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO calendar_feed (owner_kind, owner_id, secret_hash, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (owner_kind, owner_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at""",
                owner.kind().name(), owner.id(), hash(secret), Timestamp.from(now));
        return new Issued(secret, now);
    }

    /** When {@code owner}'s current link was issued; empty when they have none. */
    public Optional<Instant> issuedAt(Owner owner) {
        return jdbc.query("SELECT created_at FROM calendar_feed WHERE owner_kind = ? AND owner_id = ?",
                (row, i) -> row.getTimestamp(1).toInstant(), owner.kind().name(), owner.id()).stream().findFirst();
    }

    public void revoke(Owner owner) {
        jdbc.update("DELETE FROM calendar_feed WHERE owner_kind = ? AND owner_id = ?", owner.kind().name(), owner.id());
    }

    /**
     * {@code owner}'s id when booking knows them and they may have a link: a therapist, or a client not
     * forgotten (the read model erases a forgotten client's name). Anyone else is a 404.
     */
    public Owner requireKnown(Owner owner) {
        Boolean known = owner.kind() == Kind.THERAPIST
                ? jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM scheduling_therapist WHERE therapist_id = ?)",
                        Boolean.class, owner.id())
                : jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM scheduling_client WHERE client_id = ? AND name <> ?)",
                        Boolean.class, owner.id(), Personal.ERASED);
        if (!Boolean.TRUE.equals(known)) {
            throw new NotFoundException("No " + owner.kind().name().toLowerCase() + " " + owner.id());
        }
        return owner;
    }

    /** The owner of the link with {@code secret}; empty for a secret never issued or revoked since. */
    public Optional<Owner> ownerOf(String secret) {
        return jdbc.query("SELECT owner_kind, owner_id FROM calendar_feed WHERE secret_hash = ?",
                (row, i) -> new Owner(Kind.valueOf(row.getString(1)), row.getObject(2, UUID.class)), hash(secret))
                .stream().findFirst();
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
