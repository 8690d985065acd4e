package io.soleus.booking.session;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionCommands.CancelSession;
import io.soleus.booking.session.SessionCommands.MarkAttended;
import io.soleus.booking.session.SessionCommands.MarkMissed;
import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.kernel.Actor;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.IdempotencyKey;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Booking, rescheduling and cancelling sessions, and recording whether the client came. Answers
 * come from the command's own result, never from the read model, so a booking can be read back at
 * once. Every change honours an {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/sessions")
@Tag(name = "Sessions")
class SessionController {

    private final Commands commands;

    SessionController(Commands commands) {
        this.commands = commands;
    }

    /** {@code clientId} may be left out by a client booking for themself. */
    record BookRequest(ClientId clientId, @NotNull TherapistId therapistId, @NotNull ClinicId clinicId,
                       @NotNull SessionTypeId sessionTypeId, @NotNull Instant start) {
    }

    record RescheduleRequest(@NotNull Instant start) {
    }

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping
    @Operation(summary = "Book a session; the room is assigned. 409 when the slot is taken or a rule says no")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<SessionDetails> book(@Valid @RequestBody BookRequest request, IdempotencyKey key) {
        Actor user = CurrentUser.get();
        ClientId clientId = request.clientId() != null ? request.clientId() : BookingPolicy.clientOf(user).orElse(null);
        if (clientId == null) {
            throw new InvalidValueException("clientId", "clientId is required");
        }
        BookSession command = new BookSession(SessionId.random(), clientId, request.therapistId(), request.clinicId(),
                request.sessionTypeId(), request.start(), user);
        Outcome<SessionDetails> outcome = commands.sendOnce(key, request, command, SessionDetails.class);
        return outcome.answer(HttpStatus.CREATED)
                .location(URI.create("/sessions/" + outcome.result().sessionId()))
                .body(outcome.result());
    }

    @PostMapping("/{sessionId}/reschedule")
    @Operation(summary = "Move a session to a new start; the therapist, clinic and session type stay")
    ResponseEntity<SessionDetails> reschedule(@PathVariable SessionId sessionId, @Valid @RequestBody RescheduleRequest request,
                                              IdempotencyKey key) {
        Outcome<SessionDetails> outcome = commands.sendOnce(key, List.of(sessionId, request),
                new RescheduleSession(sessionId, request.start(), CurrentUser.get()), SessionDetails.class);
        return outcome.answer(HttpStatus.OK).body(outcome.result());
    }

    @PostMapping("/{sessionId}/cancel")
    @Operation(summary = "Cancel a session, by the client or by the clinic; late when inside the clinic's window")
    ResponseEntity<SessionDetails> cancel(@PathVariable SessionId sessionId, @Valid @RequestBody CancelRequest request,
                                          IdempotencyKey key) {
        Outcome<SessionDetails> outcome = commands.sendOnce(key, List.of(sessionId, request),
                new CancelSession(sessionId, request.reason(), CurrentUser.get()), SessionDetails.class);
        return outcome.answer(HttpStatus.OK).body(outcome.result());
    }

    @PostMapping("/{sessionId}/attended")
    @Operation(summary = "Record that the client came")
    ResponseEntity<Void> attended(@PathVariable SessionId sessionId, IdempotencyKey key) {
        return commands.sendOnce(key, sessionId, new MarkAttended(sessionId, CurrentUser.get()), Void.class)
                .answer(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/{sessionId}/missed")
    @Operation(summary = "Record a no-show")
    ResponseEntity<Void> missed(@PathVariable SessionId sessionId, IdempotencyKey key) {
        return commands.sendOnce(key, sessionId, new MarkMissed(sessionId, CurrentUser.get()), Void.class)
                .answer(HttpStatus.NO_CONTENT).build();
    }
}
