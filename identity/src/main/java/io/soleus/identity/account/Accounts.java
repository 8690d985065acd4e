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
                        INSERT INTO account (subject, email, name, password_hash, roles, clinics, locale)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""");
                insert.setString(1, account.subject());
                insert.setString(2, account.email().trim());
                insert.setString(3, account.name().trim());
                insert.setString(4, passwords.encode(password));
                insert.setArray(5, connection.createArrayOf("text", account.roleNames().toArray()));
                insert.setArray(6, connection.createArrayOf("text", account.clinics().toArray()));
                insert.setString(7, account.locale());
                return insert;
            });
        } catch (DuplicateKeyException e) {
            throw new EmailTaken("An account with this email or subject exists already");
        }
        return account;
    }

    /** Changes what an account may do and see (its roles and clinics), its name and its language. */
    @Transactional
    public Optional<Account> change(String subject, String name, Set<Account.Role> roles, List<String> clinics,
                                    String locale) {
        int updated = jdbc.update(connection -> {
            var update = connection.prepareStatement(
                    "UPDATE account SET name = ?, roles = ?, clinics = ?, locale = ? WHERE subject = ?");
            update.setString(1, name.trim());
            update.setArray(2, connection.createArrayOf("text", roles.stream().map(Enum::name).sorted().toArray()));
            update.setArray(3, connection.createArrayOf("text", clinics.toArray()));
            update.setString(4, locale);
            update.setString(5, subject);
            return update;
        });
        return updated == 0 ? Optional.empty() : bySubject(subject);
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

    public Optional<Credentials> byEmail(String email) {
        return jdbc.query("SELECT * FROM account WHERE lower(email) = lower(?)",
                (row, i) -> new Credentials(account(row), row.getString("password_hash")), email.trim()).stream().findFirst();
    }

    public Optional<Account> bySubject(String subject) {
        return jdbc.query("SELECT * FROM account WHERE subject = ?", (row, i) -> account(row), subject).stream().findFirst();
    }

    private static Account account(ResultSet row) throws SQLException {
        Set<Account.Role> roles = EnumSet.noneOf(Account.Role.class);
        for (String role : strings(row.getArray("roles"))) {
            roles.add(Account.Role.valueOf(role));
        }
        return new Account(row.getString("subject"), row.getString("email"), row.getString("name"), roles,
                strings(row.getArray("clinics")), row.getString("locale"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
