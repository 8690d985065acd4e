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
 * Admins make and change sign-ins: a therapist's account under the therapist's id with the clinics
 * they work at, a client's under the client's id, another admin's. Answers in RFC 9457 problem bodies.
 */
@RestController
@RequestMapping("/accounts")
@PreAuthorize("hasRole('ADMIN')")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    record NewAccount(@Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String subject,
                      @NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name,
                      @NotBlank @Size(min = Passwords.MINIMUM, max = Passwords.MAXIMUM) String password,
                      @NotEmpty Set<Account.Role> roles, List<@NotBlank @Size(max = 100) String> clinics,
                      @Pattern(regexp = "en|de") String locale) {
    }

    record AccountChange(@NotBlank @Size(max = 200) String name, @NotEmpty Set<Account.Role> roles,
                         List<@NotBlank @Size(max = 100) String> clinics, @Pattern(regexp = "en|de") String locale) {
    }

    @PostMapping
    ResponseEntity<Account> create(@Valid @RequestBody NewAccount request) {
        String subject = request.subject() == null ? UUID.randomUUID().toString() : request.subject();
        if ((request.roles().contains(Account.Role.CLIENT) || request.roles().contains(Account.Role.THERAPIST))
                && !isUuid(subject)) {
            throw new NotAnId();
        }
        Account account = accounts.create(new Account(subject, request.email(), request.name(), request.roles(),
                request.clinics() == null ? List.of() : request.clinics(), request.locale() == null ? "en" : request.locale()),
                request.password());
        return ResponseEntity.created(URI.create("/accounts/" + subject)).body(account);
    }

    /** A client's or therapist's subject names them in booking, by a UUID. */
    static final class NotAnId extends RuntimeException {
        NotAnId() {
            super("a client's or therapist's subject is their id in booking, a UUID");
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
        return ResponseEntity.of(accounts.change(subject, request.name(), request.roles(),
                request.clinics() == null ? List.of() : request.clinics(), request.locale() == null ? "en" : request.locale()));
    }
}
