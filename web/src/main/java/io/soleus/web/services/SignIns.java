package io.soleus.web.services;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * People's sign-ins at the practice's own provider: a forgotten client's is deleted, so their e-mail
 * address and password hash go too and they sign in no more. Where people sign in at another
 * provider, there is nothing to call here and the practice deletes the sign-in there.
 */
@Component
public class SignIns {

    private final Services services;

    SignIns(Services services) {
        this.services = services;
    }

    public void delete(UUID subject) {
        services.accounts().ifPresent(accounts -> {
            try {
                accounts.send(HttpMethod.DELETE, null, Map.of(), "/accounts/{subject}", subject);
            } catch (ServiceRefused refused) {
                if (!refused.notFound()) {
                    throw refused;
                }
            }
        });
    }
}
