package io.soleus.web.services;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Clients' sign-ins at the practice's own provider, found by the client's id: whether a client has
 * one, an invitation link for a client registered by staff to make theirs (admins), and deleting a
 * forgotten client's, so their e-mail address and password hash go too and they sign in no more.
 * Where people sign in at another provider, there is nothing to call here (all answer empty) and the
 * practice manages sign-ins there.
 */
@Component
public class SignIns {

    /** Whether the client has a sign-in, and until when an invitation to make one holds. */
    public record State(boolean signedUp, Instant invitedUntil) {
    }

    /** A link the client signs up with, which links their new sign-in to their record; kept in the session for a redirect. */
    public record Invitation(URI link, Instant expiresAt) implements Serializable {
    }

    private final Services services;

    SignIns(Services services) {
        this.services = services;
    }

    public Optional<State> of(UUID client) {
        return services.accounts().map(accounts -> accounts.get(State.class, "/accounts/clients/{clientId}", client));
    }

    /** A new invitation link; none if the client has made a sign-in meanwhile (or there is no provider to ask). */
    public Optional<Invitation> invite(UUID client) {
        try {
            return services.accounts().map(accounts -> accounts.post(Map.of(), "/accounts/clients/{clientId}/invitations",
                    client)).map(answer -> new Invitation(URI.create(answer.path("link").asText()),
                    Instant.parse(answer.path("expiresAt").asText())));
        } catch (ServiceRefused refused) {
            if (refused.status() == 409) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    public void delete(UUID client) {
        services.accounts().ifPresent(accounts -> {
            try {
                accounts.send(HttpMethod.DELETE, null, Map.of(), "/accounts/clients/{clientId}", client);
            } catch (ServiceRefused refused) {
                if (!refused.notFound()) {
                    throw refused;
                }
            }
        });
    }
}
