package io.soleus.identity.account;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.soleus.identity.IdentityProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** A new installation's first admin, from {@code SOLEUS_ADMIN_EMAIL} and {@code SOLEUS_ADMIN_PASSWORD}; made once. */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private final Accounts accounts;
    private final IdentityProperties.BootstrapAdmin admin;

    BootstrapAdmin(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.admin = properties.bootstrapAdmin();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!admin.wanted() || accounts.byEmail(admin.email()).isPresent()) {
            return;
        }
        try {
            accounts.create(new Account(UUID.randomUUID().toString(), admin.email(), admin.name(), Set.of(Account.Role.ADMIN),
                    List.of(), "en", null, null), admin.password());
        } catch (Accounts.EmailTaken anotherInstanceWasFirst) {
            // made by a second instance starting at the same moment
        }
    }
}
