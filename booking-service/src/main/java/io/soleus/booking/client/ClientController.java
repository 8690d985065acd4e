package io.soleus.booking.client;

import java.net.URI;

import io.soleus.booking.client.ClientCommands.ChangeClientContact;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;
import io.soleus.platform.command.Commands;
import io.soleus.platform.security.CurrentUser;
import io.soleus.platform.security.CurrentUser.Role;
import io.soleus.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff register clients; a client signing up online registers themself under their token's
 * subject. Contact details, where reminders go, are changed by the client themself or an admin.
 */
@RestController
@RequestMapping("/clients")
@Tag(name = "Clients")
@PreAuthorize("hasAnyRole('ADMIN', 'THERAPIST', 'CLIENT')")
class ClientController {

    private final Commands commands;

    ClientController(Commands commands) {
        this.commands = commands;
    }

    record ClientDetails(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 254) String email,
                         @Size(max = 20) String phone, Channel preferredChannel, boolean remindersConsent,
                         @Size(max = 35) String language) {
    }

    record ClientRegistered(ClientId clientId) {
    }

    @PostMapping
    @Operation(summary = "Register a client (a client token registers itself)")
    ResponseEntity<ClientRegistered> register(@Valid @RequestBody ClientDetails details) {
        CurrentUser user = CurrentUser.get();
        ClientId clientId = isStaff(user) ? ClientId.random() : ClientId.of(user.subject());
        commands.send(new RegisterClient(clientId, details.name(), details.email(), details.phone(),
                details.preferredChannel(), details.remindersConsent(), details.language()));
        return ResponseEntity.created(URI.create("/clients/" + clientId)).body(new ClientRegistered(clientId));
    }

    @PutMapping("/{clientId}/contact")
    @Operation(summary = "Change a client's contact details, channel, consent and language")
    ResponseEntity<Void> changeContact(@PathVariable ClientId clientId, @Valid @RequestBody ClientDetails details) {
        CurrentUser user = CurrentUser.get();
        if (!user.is(Role.ADMIN) && !user.subject().equals(clientId.toString())) {
            throw new NotFoundException("No client " + clientId);
        }
        commands.send(new ChangeClientContact(clientId, details.name(), details.email(), details.phone(),
                details.preferredChannel(), details.remindersConsent(), details.language()));
        return ResponseEntity.noContent().build();
    }

    private static boolean isStaff(CurrentUser user) {
        return user.is(Role.ADMIN) || user.is(Role.THERAPIST);
    }
}
