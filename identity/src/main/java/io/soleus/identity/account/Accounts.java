package io.soleus.identity.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts in this provider's database; emails are unique regardless of case. */
@Component
public class Accounts {

    /** A second account with an email already in use. */
    public static final class EmailTaken extends RuntimeException {
        EmailTaken(String message) {
            super(message);
        }
    }

    /** A second sign-in for a client or therapist who has one: {@code field} names the link. */
    public static final class PersonTaken extends RuntimeException {
        private final String field;

        PersonTaken(String field) {
            super("this " + ("clientId".equals(field) ? "client" : "therapist") + " has a sign-in already");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** An account and its password hash, for signing in. */
    public record Credentials(Account account, String passwordHash) {
    }

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Makes an account; its password is stored only as a hash. */
    @Transactional
    public Account create(Account account, String password) {
        if (!Passwords.fits(password)) {
            throw new Passwords.TooLong();
        }
        try {
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("""
                        INSERT INTO account (subject, email, name, password_hash, roles, clinics, locale, client_id,
                            therapist_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                insert.setString(1, account.subject());
                insert.setString(2, account.email().trim());
                insert.setString(3, account.name().trim());
                insert.setString(4, passwords.encode(password));
                insert.setArray(5, connection.createArrayOf("text", account.roleNames().toArray()));
                insert.setArray(6, connection.createArrayOf("text", account.clinics().toArray()));
                insert.setString(7, account.locale());
                insert.setString(8, account.clientId());
                insert.setString(9, account.therapistId());
                return insert;
            });
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        return account;
    }

    /** Which unique index refused the row: a person with a sign-in already, or the email (or subject) in use. */
    private static RuntimeException taken(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("account_client")) {
            return new PersonTaken("clientId");
        }
        if (message.contains("account_therapist")) {
            return new PersonTaken("therapistId");
        }
        return new EmailTaken("An account with this email or subject exists already");
    }

    /** Changes what an account may do and see (its roles, clinics and links), its name and its language; its email stays. */
    @Transactional
    public Optional<Account> change(Account changed) {
        int updated;
        try {
            updated = jdbc.update(connection -> {
                var update = connection.prepareStatement("""
                        UPDATE account SET name = ?, roles = ?, clinics = ?, locale = ?, client_id = ?, therapist_id = ?
                        WHERE subject = ?""");
                update.setString(1, changed.name().trim());
                update.setArray(2, connection.createArrayOf("text", changed.roleNames().toArray()));
                update.setArray(3, connection.createArrayOf("text", changed.clinics().toArray()));
                update.setString(4, changed.locale());
                update.setString(5, changed.clientId());
                update.setString(6, changed.therapistId());
                update.setString(7, changed.subject());
                return update;
            });
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        return updated == 0 ? Optional.empty() : bySubject(changed.subject());
    }

    /**
     * Deletes an account for good: a client forgotten at their request signs in no more, and no token is
     * issued for them again (their refresh tokens are refused; their authorizations stay until they
     * expire, so signing out at the provider still works). False if there was none.
     */
    @Transactional
    public boolean delete(String subject) {
        return jdbc.update("DELETE FROM account WHERE subject = ?", subject) == 1;
    }

    /** Deletes a client's sign-in, as {@link #delete(String)} does; false if they had none. */
    @Transactional
    public boolean deleteOfClient(String clientId) {
        return jdbc.update("DELETE FROM account WHERE client_id = ?", clientId) == 1;
    }

    public Optional<Credentials> byEmail(String email) {
        return jdbc.query("SELECT * FROM account WHERE lower(email) = lower(?)",
                (row, i) -> new Credentials(account(row), row.getString("password_hash")), email.trim()).stream().findFirst();
    }

    public Optional<Account> bySubject(String subject) {
        return jdbc.query("SELECT * FROM account WHERE subject = ?", (row, i) -> account(row), subject).stream().findFirst();
    }

    /** The sign-in of a client, if they have one. */
    public Optional<Account> byClient(String clientId) {
        return jdbc.query("SELECT * FROM account WHERE client_id = ?", (row, i) -> account(row), clientId).stream().findFirst();
    }

    private static Account account(ResultSet row) throws SQLException {
        Set<Account.Role> roles = EnumSet.noneOf(Account.Role.class);
        for (String role : strings(row.getArray("roles"))) {
            roles.add(Account.Role.valueOf(role));
        }
        return new Account(row.getString("subject"), row.getString("email"), row.getString("name"), roles,
                strings(row.getArray("clinics")), row.getString("locale"), row.getString("client_id"),
                row.getString("therapist_id"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
