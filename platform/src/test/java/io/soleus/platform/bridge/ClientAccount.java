package io.soleus.platform.bridge;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A small event-sourced aggregate, to show a service storing its events through Axon on PostgreSQL. */
@Aggregate
class ClientAccount {

    record RegisterClient(@TargetAggregateIdentifier ClientId clientId, String name, String email) {
    }

    record ChangeEmail(@TargetAggregateIdentifier ClientId clientId, String email) {
    }

    @AggregateIdentifier
    private ClientId clientId;
    private String name;

    ClientAccount() {
    }

    @CommandHandler
    ClientAccount(RegisterClient command) {
        apply(new ClientRegistered(command.clientId(), command.name(), command.email(), null, Channel.EMAIL, true,
                "en", Instant.now()));
    }

    @CommandHandler
    void handle(ChangeEmail command) {
        apply(new ClientContactChanged(clientId, name, command.email(), null, Channel.EMAIL, true, "en", Instant.now()));
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
        name = event.name();
    }
}
