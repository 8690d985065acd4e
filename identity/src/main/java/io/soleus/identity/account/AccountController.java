package io.soleus.identity.account;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins make and change sign-ins: a therapist's, linked to the therapist's id in booking, with the
 * clinics they work at; a client's, linked to the client's id; another admin's. The subject is the
 * provider's own (given or made up); the link is what makes the sign-in that therapist or client.
 * Answers in RFC 9457 problem bodies.
 */
@RestController
@RequestMapping("/accounts")
@PreAuthorize("hasRole('ADMIN')")
class AccountController {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    record NewAccount(@Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String subject,
                      @NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
                      @NotBlank @Size(min = Passwords.MINIMUM, max = Passwords.MAXIMUM) String password,
                      @NotEmpty Set<Account.Role> roles, List<@NotBlank @Size(max = 100) String> clinics,
                      @Pattern(regexp = "en|de") String locale,
                      @Pattern(regexp = UUID_PATTERN) String clientId, @Pattern(regexp = UUID_PATTERN) String therapistId) {
    }

    record AccountChange(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Account.Role> roles,
                         List<@NotBlank @Size(max = 100) String> clinics, @Pattern(regexp = "en|de") String locale,
                         @Pattern(regexp = UUID_PATTERN) String clientId, @Pattern(regexp = UUID_PATTERN) String therapistId) {
    }

    @PostMapping
    ResponseEntity<Account> create(@Valid @RequestBody NewAccount request) {
        String subject = request.subject() == null ? UUID.randomUUID().toString() : request.subject();
        Account account = accounts.create(linked(new Account(subject, request.email(), request.name(), request.roles(),
                orEmpty(request.clinics()), orEnglish(request.locale()), request.clientId(), request.therapistId())),
                request.password());
        return ResponseEntity.created(URI.create("/accounts/" + subject)).body(account);
    }

    @GetMapping("/{subject}")
    ResponseEntity<Account> get(@PathVariable String subject) {
        return ResponseEntity.of(accounts.bySubject(subject));
    }

    /** An account deleted for good: by an admin, or by a client (who had their data forgotten) for their own. */
    @DeleteMapping("/{subject}")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('CLIENT') and #subject == authentication.name)")
    ResponseEntity<Void> delete(@PathVariable String subject) {
        return accounts.delete(subject) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @PutMapping("/{subject}")
    ResponseEntity<Account> change(@PathVariable String subject, @Valid @RequestBody AccountChange request) {
        return ResponseEntity.of(accounts.change(linked(new Account(subject, null, request.name(), request.roles(),
                orEmpty(request.clinics()), orEnglish(request.locale()), request.clientId(), request.therapistId()))));
    }

    /** A client's or therapist's sign-in names who they are in booking; no other sign-in names anyone. */
    private static Account linked(Account account) {
        requireLink(account.roles().contains(Account.Role.CLIENT), account.clientId(), "clientId", "a client's");
        requireLink(account.roles().contains(Account.Role.THERAPIST), account.therapistId(), "therapistId", "a therapist's");
        return account;
    }

    private static void requireLink(boolean role, String link, String field, String whose) {
        if (role && link == null) {
            throw new InvalidField(field, "is required for " + whose + " sign-in: the id booking knows them by");
        }
        if (!role && link != null) {
            throw new InvalidField(field, "is only for " + whose + " sign-in");
        }
    }

    /** A field that is well-formed JSON but wrong: a link the roles do not go with, an id that is none. */
    static final class InvalidField extends RuntimeException {
        private final String field;

        InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private static List<String> orEmpty(List<String> clinics) {
        return clinics == null ? List.of() : clinics;
    }

    private static String orEnglish(String locale) {
        return locale == null ? "en" : locale;
    }
}
