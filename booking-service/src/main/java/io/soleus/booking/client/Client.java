package io.soleus.booking.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;

import io.soleus.booking.client.ClientCommands.ChangeClientContact;
import io.soleus.booking.client.ClientCommands.ForgetClient;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A client of the practice. The booking service owns clients and publishes who they are and how to
 * reach them; the published contracts check every field.
 */
@Aggregate(lockFactory = "readMostlyLockFactory") // see BookingAxonConfiguration
public class Client {

    @AggregateIdentifier
    private ClientId clientId;
    private boolean forgotten;

    protected Client() {
    }

    @CommandHandler
    public Client(RegisterClient command, Clock clock) {
        Require.present("clientId", command.clientId());
        requirePhoneForSms(command.preferredChannel(), command.phone());
        apply(new ClientRegistered(command.clientId(), command.name(), command.email(), command.phone(),
                channel(command.preferredChannel()), command.remindersConsent(), command.language(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeClientContact command, Clock clock) {
        ensureNotForgotten();
        requirePhoneForSms(command.preferredChannel(), command.phone());
        apply(new ClientContactChanged(clientId, command.name(), command.email(), command.phone(),
                channel(command.preferredChannel()), command.remindersConsent(), command.language(), clock.instant()));
    }

    /** Forgetting twice forgets once. */
    @CommandHandler
    void handle(ForgetClient command, Clock clock) {
        if (!forgotten) {
            apply(new ClientForgotten(clientId, clock.instant()));
        }
    }

    /** A forgotten client is kept for what they did, never written to or booked again. */
    public void ensureNotForgotten() {
        if (forgotten) {
            throw new RuleViolationException("client-forgotten", "This client's personal data was forgotten at their request");
        }
    }

    private static void requirePhoneForSms(Channel preferred, String phone) {
        if (preferred == Channel.SMS && (phone == null || phone.isBlank())) {
            throw new InvalidValueException("phone", "phone is required when SMS is the preferred channel");
        }
    }

    private static Channel channel(Channel preferred) {
        return preferred == null ? Channel.EMAIL : preferred;
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
    }

    @EventSourcingHandler
    void on(ClientForgotten event) {
        forgotten = true;
    }
}
