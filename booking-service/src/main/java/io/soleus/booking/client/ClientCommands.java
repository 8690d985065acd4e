package io.soleus.booking.client;

import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registering a client, keeping their contact details and consent current, and forgetting them. */
public final class ClientCommands {

    private ClientCommands() {
    }

    public record RegisterClient(ClientId clientId, String name, String email, String phone, Channel preferredChannel,
                                 boolean remindersConsent, String language) {
    }

    /** The client's consent to reminders, given or withdrawn alone. */
    public record ChangeRemindersConsent(@TargetAggregateIdentifier ClientId clientId, boolean remindersConsent) {
    }

    public record ChangeClientContact(@TargetAggregateIdentifier ClientId clientId, String name, String email,
                                      String phone, Channel preferredChannel, boolean remindersConsent,
                                      String language) {
    }

    /** Forget the client's personal data: their keys go, everywhere; what they did stays, without them. */
    public record ForgetClient(@TargetAggregateIdentifier ClientId clientId) {
    }
}
