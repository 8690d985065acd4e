package io.soleus.identity.account;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.soleus.identity.IdentityProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A client makes their own sign-in: name, email and password. The sign-in gets a subject of its own
 * and is linked to a new client id, under which the front end registers the client in booking on
 * their first visit. A client registered by staff signs up through their invitation link instead, and
 * the sign-in is linked to their client record. Once made, the client is signed in and sent on to
 * where they were going (the front end's sign-in).
 */
@Controller
class SignUpController {

    private final Accounts accounts;
    private final Invitations invitations;
    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final String home;

    SignUpController(Accounts accounts, Invitations invitations, IdentityProperties properties) {
        this.accounts = accounts;
        this.invitations = invitations;
        // one who signs up through an invitation link came from no front end's sign-in: on to the front end
        this.home = properties.webClient().frontEnd();
    }

    static final class SignUpForm {
        @NotBlank @Size(max = 200) private String name;
        @NotBlank @Email @Size(max = 254) private String email;
        @NotBlank @Size(min = Passwords.MINIMUM, max = Passwords.MAXIMUM) private String password;
        @Size(max = 100) private String invitation;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getInvitation() { return invitation; }
        public void setInvitation(String invitation) { this.invitation = invitation; }
    }

    @GetMapping("/signup")
    String form(@ModelAttribute("form") SignUpForm form, BindingResult errors) {
        if (form.getInvitation() != null && !invitations.isOpen(form.getInvitation())) {
            errors.rejectValue("invitation", "invitation.not-open");
        }
        return "identity/signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignUpForm form, BindingResult errors, Locale locale,
                  HttpServletRequest request, HttpServletResponse response) {
        if (form.getPassword() != null && form.getEmail() != null
                && form.getPassword().equalsIgnoreCase(form.getEmail().trim())) {
            errors.rejectValue("password", "password.is-email");
        }
        if (form.getPassword() != null && !errors.hasFieldErrors("password") && !Passwords.fits(form.getPassword())) {
            errors.rejectValue("password", "Size.form.password");
        }
        if (errors.hasErrors()) {
            return "identity/signup";
        }
        String language = "de".equals(locale.getLanguage()) ? "de" : "en";
        Account account = new Account(UUID.randomUUID().toString(), form.getEmail(), form.getName(),
                Set.of(Account.Role.CLIENT), List.of(), language, UUID.randomUUID().toString(), null);
        try {
            if (form.getInvitation() == null) {
                accounts.create(account, form.getPassword());
            } else {
                invitations.claim(form.getInvitation(), account, form.getPassword());
            }
        } catch (Accounts.EmailTaken taken) {
            errors.rejectValue("email", "email.taken");
            return "identity/signup";
        } catch (Invitations.NotOpen | Accounts.PersonTaken notOpen) {
            errors.rejectValue("invitation", "invitation.not-open");
            return "identity/signup";
        }
        signIn(accounts.byEmail(account.email()).orElseThrow(), request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        return "redirect:" + (saved == null ? home : saved.getRedirectUrl());
    }

    /** Signs the new client in as the form login would, in a fresh session (no fixation). */
    private void signIn(Accounts.Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        User user = (User) SignInDetails.user(credentials);
        user.eraseCredentials(); // as form login does: the hash never travels with the session
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
