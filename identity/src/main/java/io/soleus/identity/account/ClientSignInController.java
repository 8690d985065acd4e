package io.soleus.identity.account;

import java.net.URI;
import java.time.Instant;

import io.soleus.identity.IdentityProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A client's sign-in, found by the client's id in booking: whether they have one (or an open
 * invitation), an invitation to claim one for a client registered by staff, and deleting it when the
 * client is forgotten. Admins do all of it; a client deletes their own. Therapists invite no one: the
 * provider cannot tell which clients are theirs, and an invitation link shown to staff would let them
 * sign in as the client.
 */
@RestController
@RequestMapping("/accounts/clients/{clientId}")
class ClientSignInController {

    private final Accounts accounts;
    private final Invitations invitations;
    private final IdentityProperties properties;
    private final String issuer;

    ClientSignInController(Accounts accounts, Invitations invitations, IdentityProperties properties,
                           AuthorizationServerSettings settings) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.properties = properties;
        this.issuer = settings.getIssuer();
    }

    /** Whether the client has a sign-in, and until when an invitation to make one holds. */
    record SignInState(boolean signedUp, Instant invitedUntil) {
    }

    record InvitationLink(URI link, Instant expiresAt) {
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    SignInState state(@PathVariable String clientId) {
        return new SignInState(accounts.byClient(clientId).isPresent(), invitations.openUntil(clientId).orElse(null));
    }

    /** An invitation link for the client, to sign up with and so claim their record; 409 if they have a sign-in. */
    @PostMapping("/invitations")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<InvitationLink> invite(@PathVariable String clientId, Authentication admin) {
        if (!clientId.matches(AccountController.UUID_PATTERN)) {
            throw new AccountController.InvalidField("clientId", "is not a client's id in booking, a UUID");
        }
        Invitations.Invitation invitation = invitations.invite(clientId, admin.getName(), properties.invitationTtl());
        URI link = UriComponentsBuilder.fromUriString(issuer).path("/signup")
                .queryParam("invitation", invitation.code()).build().toUri();
        return ResponseEntity.status(HttpStatus.CREATED).body(new InvitationLink(link, invitation.expiresAt()));
    }

    /** The client's sign-in deleted for good (the client is forgotten): by an admin, or by the client. */
    @DeleteMapping
    @PreAuthorize("hasRole('ADMIN') or (hasRole('CLIENT') and #clientId == principal.claims['clientId'])")
    ResponseEntity<Void> delete(@PathVariable String clientId) {
        return accounts.deleteOfClient(clientId) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
