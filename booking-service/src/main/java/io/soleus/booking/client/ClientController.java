package io.soleus.booking.client;

import java.net.URI;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.feed.FeedLinks;
import io.soleus.booking.feed.FeedLinks.Kind;
import io.soleus.booking.feed.FeedLinks.Owner;
import io.soleus.booking.client.ClientCommands.ChangeClientContact;
import io.soleus.booking.client.ClientCommands.ChangeRemindersConsent;
import io.soleus.booking.client.ClientCommands.ForgetClient;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotAllowedException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.crypto.ClientKeys;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff register clients; a client signing up online registers themself under their token's
 * subject. Contact details, where reminders go, are changed by the client themself or an admin, who
 * may also have the client forgotten.
 */
@RestController
@RequestMapping("/clients")
@Tag(name = "Clients")
class ClientController {

    private final Commands commands;
    private final ClientKeys keys;
    private final FeedLinks feeds;

    ClientController(Commands commands, ClientKeys keys, FeedLinks feeds) {
        this.commands = commands;
        this.keys = keys;
        this.feeds = feeds;
    }

    record ClientDetails(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 254) String email,
                         @Size(max = 20) String phone, Channel preferredChannel, boolean remindersConsent,
                         @Size(max = 35) String language) {
    }

    record ClientRegistered(ClientId clientId) {
    }

    @PostMapping
    @Operation(summary = "Register a client (a client token registers itself)")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<ClientRegistered> register(@Valid @RequestBody ClientDetails details, IdempotencyKey key) {
        Actor user = CurrentUser.get();
        ClientId clientId = BookingPolicy.isStaff(user) ? ClientId.random() : BookingPolicy.clientOf(user)
                .orElseThrow(() -> new NotAllowedException("sign-in-not-linked-to-a-client",
                        "this sign-in is linked to no client: sign up, or claim the sign-in you were invited to"));
        Outcome<ClientRegistered> registered = commands.sendOnceAnswering(key, details, new RegisterClient(clientId,
                details.name(), details.email(), details.phone(), details.preferredChannel(), details.remindersConsent(),
                details.language()), new ClientRegistered(clientId));
        return registered.answer(HttpStatus.CREATED).location(URI.create("/clients/" + registered.result().clientId()))
                .body(registered.result());
    }

    @PutMapping("/{clientId}/contact")
    @Operation(summary = "Change a client's contact details, channel, consent and language")
    ResponseEntity<Void> changeContact(@PathVariable ClientId clientId, @Valid @RequestBody ClientDetails details) {
        commands.send(new ChangeClientContact(clientId, details.name(), details.email(), details.phone(),
                details.preferredChannel(), details.remindersConsent(), details.language()));
        return ResponseEntity.noContent().build();
    }

    record RemindersConsent(@NotNull Boolean remindersConsent) {
    }

    @PutMapping("/{clientId}/reminders-consent")
    @Operation(summary = "Give or withdraw a client's consent to reminders, leaving the rest of their details as they are")
    ResponseEntity<Void> changeRemindersConsent(@PathVariable ClientId clientId, @Valid @RequestBody RemindersConsent consent) {
        commands.send(new ChangeRemindersConsent(clientId, consent.remindersConsent()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Forgets the client: {@code ClientForgotten} is published and the client's keys are deleted here
     * before the answer (every other service deletes its own on the event), so each personal value of
     * theirs, wherever written, reads as erased from now on, and their calendar link stops. Their sessions and
     * figures stay.
     */
    @PostMapping("/{clientId}/forget")
    @Operation(summary = "Forget a client's personal data (crypto-shredding): the client themself or an admin")
    ResponseEntity<Void> forget(@PathVariable ClientId clientId, IdempotencyKey key) {
        Outcome<Void> forgotten = commands.sendOnce(key, clientId, new ForgetClient(clientId), Void.class);
        keys.forget(clientId);
        feeds.revoke(new Owner(Kind.CLIENT, clientId.value()));
        return forgotten.answer(HttpStatus.NO_CONTENT).build();
    }
}
