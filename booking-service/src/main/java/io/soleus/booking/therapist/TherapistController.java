package io.soleus.booking.therapist;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.therapist.TherapistCommands.AddAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.booking.therapist.TherapistCommands.JoinClinic;
import io.soleus.booking.therapist.TherapistCommands.LeaveClinic;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.booking.therapist.TherapistCommands.RemoveAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins register therapists and place them at clinics; admins and the therapist themself set
 * their weekly availability and its exceptions (time off, extra hours).
 */
@RestController
@RequestMapping("/therapists")
@Tag(name = "Therapists")
class TherapistController {


    private final Commands commands;

    TherapistController(Commands commands) {
        this.commands = commands;
    }

    record RegisterTherapistRequest(@NotBlank @Size(max = 200) String name, @NotEmpty @Size(max = 50) Set<ClinicId> clinics) {
    }

    record TherapistRegistered(TherapistId therapistId) {
    }

    record JoinClinicRequest(@NotNull ClinicId clinicId) {
    }

    record ExceptionRequest(@NotNull ExceptionKind kind, ClinicId clinicId, @NotNull Instant from, @NotNull Instant to) {
    }

    record ExceptionAdded(UUID exceptionId) {
    }

    @PostMapping
    @Operation(summary = "Register a therapist at one or more clinics")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<TherapistRegistered> register(@Valid @RequestBody RegisterTherapistRequest request, IdempotencyKey key) {
        TherapistId therapistId = TherapistId.random();
        Outcome<TherapistRegistered> registered = commands.sendOnceAnswering(key, request,
                new RegisterTherapist(therapistId, request.name(), request.clinics()), new TherapistRegistered(therapistId));
        return registered.answer(HttpStatus.CREATED)
                .location(URI.create("/therapists/" + registered.result().therapistId())).body(registered.result());
    }

    @PostMapping("/{therapistId}/clinics")
    @Operation(summary = "Let a therapist work at one more clinic")
    ResponseEntity<Void> join(@PathVariable TherapistId therapistId, @Valid @RequestBody JoinClinicRequest request,
                              IdempotencyKey key) {
        return commands.sendOnce(key, List.of(therapistId, request), new JoinClinic(therapistId, request.clinicId()),
                Void.class).answer(HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/{therapistId}/clinics/{clinicId}")
    @Operation(summary = "A therapist leaves a clinic: no new bookings there; booked sessions stay")
    ResponseEntity<Void> leave(@PathVariable TherapistId therapistId, @PathVariable ClinicId clinicId) {
        commands.send(new LeaveClinic(therapistId, clinicId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{therapistId}/availability/{clinicId}")
    @Operation(summary = "Replace a therapist's weekly hours at a clinic (in the clinic's time zone)")
    ResponseEntity<Void> setAvailability(@PathVariable TherapistId therapistId, @PathVariable ClinicId clinicId,
                                         @Valid @NotNull @RequestBody WeeklyHours hours) {
        commands.send(new SetWeeklyAvailability(therapistId, clinicId, hours));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{therapistId}/exceptions")
    @Operation(summary = "Add time off (at a clinic, or everywhere without clinicId) or extra hours at a clinic")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<ExceptionAdded> addException(@PathVariable TherapistId therapistId,
                                                @Valid @RequestBody ExceptionRequest request, IdempotencyKey key) {
        UUID exceptionId = UUID.randomUUID();
        Outcome<ExceptionAdded> added = commands.sendOnceAnswering(key, List.of(therapistId, request),
                new AddAvailabilityException(therapistId, exceptionId, request.kind(), request.clinicId(), request.from(),
                        request.to()), new ExceptionAdded(exceptionId));
        return added.answer(HttpStatus.CREATED)
                .location(URI.create("/therapists/" + therapistId + "/exceptions/" + added.result().exceptionId()))
                .body(added.result());
    }

    @DeleteMapping("/{therapistId}/exceptions/{exceptionId}")
    @Operation(summary = "Remove an availability exception")
    ResponseEntity<Void> removeException(@PathVariable TherapistId therapistId, @PathVariable UUID exceptionId) {
        commands.send(new RemoveAvailabilityException(therapistId, exceptionId));
        return ResponseEntity.noContent().build();
    }
}
