package io.soleus.booking.sessiontype;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import io.soleus.booking.sessiontype.SessionTypeCommands.ChangeSessionTypeTherapists;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** Admins define the kinds of session the practice offers and who offers each. */
@RestController
@RequestMapping("/session-types")
@Tag(name = "Session types")
class SessionTypeController {

    private final Commands commands;

    SessionTypeController(Commands commands) {
        this.commands = commands;
    }

    record DefineSessionTypeRequest(@NotBlank @Size(max = 120) String name,
                                    @NotNull @Min(10) @Max(480) Integer durationMinutes,
                                    @Min(0) @Max(120) Integer bufferMinutes,
                                    @NotNull @Size(max = 500) Set<TherapistId> therapists) {
    }

    record TherapistsRequest(@NotNull @Size(max = 500) Set<TherapistId> therapists) {
    }

    record SessionTypeDefined(SessionTypeId sessionTypeId) {
    }

    @PostMapping
    @Operation(summary = "Define a session type: name, duration, buffer after, therapists who offer it")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<SessionTypeDefined> define(@Valid @RequestBody DefineSessionTypeRequest request, IdempotencyKey key) {
        SessionTypeId id = SessionTypeId.random();
        Outcome<SessionTypeDefined> defined = commands.sendOnceAnswering(key, request, new DefineSessionType(id,
                request.name(), Duration.ofMinutes(request.durationMinutes()),
                Duration.ofMinutes(request.bufferMinutes() == null ? 0 : request.bufferMinutes()), request.therapists()),
                new SessionTypeDefined(id));
        return defined.answer(HttpStatus.CREATED)
                .location(URI.create("/session-types/" + defined.result().sessionTypeId())).body(defined.result());
    }

    @PutMapping("/{sessionTypeId}/therapists")
    @Operation(summary = "Replace the therapists who offer a session type")
    ResponseEntity<Void> changeTherapists(@PathVariable SessionTypeId sessionTypeId,
                                          @Valid @RequestBody TherapistsRequest request) {
        commands.send(new ChangeSessionTypeTherapists(sessionTypeId, request.therapists()));
        return ResponseEntity.noContent().build();
    }
}
