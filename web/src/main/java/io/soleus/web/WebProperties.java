package io.soleus.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the services answer, how long a page waits for them, and what the provider's tokens call roles and clinics. */
@ConfigurationProperties("soleus.web")
public record WebProperties(Services services,
                            @DefaultValue("5s") Duration requestTimeout,
                            @DefaultValue("roles") String rolesClaim,
                            @DefaultValue("clinics") String clinicsClaim) {

    /**
     * The services, and where the practice's own provider (the identity module) takes account changes:
     * none where people sign in at another provider, which deletes a forgotten client's sign-in itself.
     */
    public record Services(URI booking, URI treatment, URI notifications, URI accounts) {

        public boolean hasAccounts() {
            return accounts != null && !accounts.toString().isBlank();
        }
    }
}
