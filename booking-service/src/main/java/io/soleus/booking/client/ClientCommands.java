package io.soleus.booking.client;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registering a client and keeping their contact details and consent current. */
public final class ClientCommands {

    private ClientCommands() {
    }

    public record RegisterClient(ClientId clientId, String name, String email, String phone, Channel preferredChannel,
                                 boolean remindersConsent, String language) {
    }

    public record ChangeClientContact(@TargetAggregateIdentifier ClientId clientId, String name, String email,
                                      String phone, Channel preferredChannel, boolean remindersConsent,
                                      String language) {
    }
}
