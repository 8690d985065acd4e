package io.soleus.identity.account;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds the account behind the email typed into the sign-in form. The signed-in principal's name is
 * the account's subject, not the email, so every token and session names the id the services know.
 */
@Component
class SignInDetails implements UserDetailsService {

    private final Accounts accounts;

    SignInDetails(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.byEmail(email).map(SignInDetails::user)
                .orElseThrow(() -> new UsernameNotFoundException("No account for this email"));
    }

    static UserDetails user(Accounts.Credentials credentials) {
        return User.withUsername(credentials.account().subject()).password(credentials.passwordHash())
                .authorities(AuthorityUtils.createAuthorityList(credentials.account().roleNames().stream()
                        .map(role -> "ROLE_" + role).toList()))
                .build();
    }
}
