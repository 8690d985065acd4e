package io.soleus.identity.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations for a client registered by staff to make their own sign-in, linked to their client
 * record. The code travels in the link only; this table keeps its SHA-256, so a copy of the database
 * claims nothing. An invitation is claimed once, before it expires, and a client who has a sign-in is
 * not invited again.
 */
@Component
public class Invitations {

    /** The link's code did not name an open invitation: unknown, claimed already, or expired. */
    public static final class NotOpen extends RuntimeException {
        NotOpen() {
            super("the invitation is unknown, used or expired");
        }
    }

    public record Invitation(String code, String clientId, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final Clock clock = Clock.systemUTC();

    public Invitations(JdbcTemplate jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** A new invitation for the client, valid for {@code validFor}; refused if the client has a sign-in. */
    @Transactional
    public Invitation invite(String clientId, String invitedBy, Duration validFor) {
        if (accounts.byClient(clientId).isPresent()) {
            throw new Accounts.PersonTaken("clientId");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = clock.instant().plus(validFor);
        jdbc.update("INSERT INTO invitation (code_hash, client_id, invited_by, expires_at) VALUES (?, ?, ?, ?)",
                hash(code), clientId, invitedBy, Timestamp.from(expiresAt));
        return new Invitation(code, clientId, expiresAt);
    }

    /** Whether the code names an open invitation (for the sign-up page to say so before the form is filled). */
    public boolean isOpen(String code) {
        return jdbc.queryForObject("SELECT count(*) FROM invitation WHERE code_hash = ? AND claimed_at IS NULL AND expires_at > ?",
                Long.class, hash(code), Timestamp.from(clock.instant())) > 0;
    }

    /**
     * Makes the invited client's sign-in: the invitation is marked claimed and the account created in
     * one transaction, so of two claims at once one wins, and a refused account (its email in use)
     * leaves the invitation open.
     */
    @Transactional
    public Account claim(String code, Account unlinked, String password) {
        List<String> clients = jdbc.queryForList("""
                UPDATE invitation SET claimed_at = ? WHERE code_hash = ? AND claimed_at IS NULL AND expires_at > ?
                RETURNING client_id""", String.class,
                Timestamp.from(clock.instant()), hash(code), Timestamp.from(clock.instant()));
        String clientId = clients.stream().findFirst().orElseThrow(NotOpen::new);
        return accounts.create(new Account(unlinked.subject(), unlinked.email(), unlinked.name(), unlinked.roles(),
                unlinked.clinics(), unlinked.locale(), clientId, null), password);
    }

    /** Until when the client's latest open invitation holds, if they have one. */
    public Optional<Instant> openUntil(String clientId) {
        return jdbc.query("""
                SELECT max(expires_at) FROM invitation WHERE client_id = ? AND claimed_at IS NULL AND expires_at > ?""",
                (row, i) -> row.getTimestamp(1), clientId, Timestamp.from(clock.instant())).stream()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
