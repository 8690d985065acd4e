package io.soleus.booking.waitlist;

import java.net.URI;
import java.util.List;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.WeeklyHours;
import io.soleus.booking.session.SessionDetails;
import io.soleus.booking.waitlist.WaitlistCommands.AcceptOffer;
import io.soleus.booking.waitlist.WaitlistCommands.JoinWaitlist;
import io.soleus.booking.waitlist.WaitlistCommands.LeaveWaitlist;
import io.soleus.booking.waitlist.WaitlistQueries.Entry;
import io.soleus.booking.waitlist.WaitlistQueries.Offer;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The waitlist: a client (or staff for them) joins a clinic's list for a session type, optionally a
 * therapist, with the times they can make and an urgency; staff see their clinic's list in the order
 * offers go out; a client sees their entries and an offer made to them, takes it or leaves the list.
 */
@RestController
@Tag(name = "Waitlist")
class WaitlistController {

    private final Commands commands;
    private final WaitlistQueries queries;

    WaitlistController(Commands commands, WaitlistQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** {@code clientId} may be left out by a client joining for themself; {@code urgency} defaults to routine. */
    record JoinRequest(ClientId clientId, @NotNull ClinicId clinicId, @NotNull SessionTypeId sessionTypeId,
                       TherapistId therapistId, @NotNull WeeklyHours times, Urgency urgency) {
    }

    record Joined(WaitlistEntryId entryId) {
    }

    @PostMapping("/waitlist")
    @Operation(summary = "Join a clinic's waitlist for a session type, with the times the client can make")
    @ApiResponse(responseCode = "201", description = "Created; Location names the client's waitlist")
    ResponseEntity<Joined> join(@Valid @RequestBody JoinRequest request, IdempotencyKey key) {
        Actor user = CurrentUser.get();
        ClientId client = request.clientId() != null ? request.clientId() : BookingPolicy.clientOf(user).orElse(null);
        if (client == null) {
            throw new InvalidValueException("clientId", "clientId is required");
        }
        WaitlistEntryId entryId = WaitlistEntryId.random();
        Outcome<Joined> joined = commands.sendOnceAnswering(key, request, new JoinWaitlist(entryId, client, request.clinicId(),
                request.sessionTypeId(), request.therapistId(), request.times(),
                request.urgency() == null ? Urgency.ROUTINE : request.urgency(), user), new Joined(entryId));
        return joined.answer(HttpStatus.CREATED).location(URI.create("/clients/" + client + "/waitlist")).body(joined.result());
    }

    @PostMapping("/waitlist/{entryId}/leave")
    @Operation(summary = "Leave the waitlist; an offer held is given up and goes to the next client")
    ResponseEntity<Void> leave(@PathVariable WaitlistEntryId entryId, IdempotencyKey key) {
        return commands.sendOnce(key, entryId, new LeaveWaitlist(entryId, CurrentUser.get()), Void.class)
                .answer(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/clinics/{clinicId}/waitlist")
    @Operation(summary = "A clinic's waitlist, most urgent first, then longest waiting: its staff")
    List<Entry> clinicList(@PathVariable ClinicId clinicId) {
        return queries.ofClinic(clinicId, CurrentUser.get());
    }

    @GetMapping("/clients/{clientId}/waitlist")
    @Operation(summary = "A client's waitlist entries and the offers made to them")
    List<Entry> clientList(@PathVariable ClientId clientId) {
        return queries.ofClient(clientId, CurrentUser.get());
    }

    @GetMapping("/waitlist/offers/{offerId}")
    @Operation(summary = "An offer of a freed slot: when, with whom, where, and until when it is held")
    Offer offer(@PathVariable SessionId offerId) {
        return queries.offer(offerId, CurrentUser.get());
    }

    @PostMapping("/waitlist/offers/{offerId}/accept")
    @Operation(summary = "Take an offer: the held slot is booked as a session. 409 when it is no longer held")
    @ApiResponse(responseCode = "201", description = "Booked; Location names the session")
    ResponseEntity<SessionDetails> accept(@PathVariable SessionId offerId, IdempotencyKey key) {
        Outcome<SessionDetails> booked = commands.sendOnce(key, offerId, new AcceptOffer(offerId, CurrentUser.get()),
                SessionDetails.class);
        return booked.answer(HttpStatus.CREATED).location(URI.create("/sessions/" + offerId)).body(booked.result());
    }
}
