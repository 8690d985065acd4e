package io.soleus.booking.clinic;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.ClinicCommands.AddRoom;
import io.soleus.booking.clinic.ClinicCommands.ChangeOpeningHours;
import io.soleus.booking.clinic.ClinicCommands.CloseClinic;
import io.soleus.booking.clinic.ClinicCommands.CloseRoom;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.clinic.ClinicCommands.SetBookingRules;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
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
import jakarta.validation.constraints.NotEmpty;
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

/** Admins open clinics, set their hours and online booking rules, add and close rooms, and close clinics. */
@RestController
@RequestMapping("/clinics")
@Tag(name = "Clinics")
class ClinicController {

    private final Commands commands;

    ClinicController(Commands commands) {
        this.commands = commands;
    }

    record OpenClinicRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String address,
                             @NotNull ZoneId timeZone, @NotNull WeeklyHours openingHours,
                             @NotEmpty @Size(max = 50) List<@Valid @NotNull NewRoom> rooms, Duration lateCancellationWindow) {
    }

    /** Every rule named, so one left out is a 400, not silently off; {@code offerHold} absent keeps two hours. */
    record BookingRulesRequest(@NotNull Duration minimumNotice, @Min(1) @Max(100) Integer maxUpcomingSessions,
                               @NotNull Boolean newClientsOnline, @NotNull Boolean sameDayOnline, Duration offerHold) {
    }

    record NewRoom(@NotBlank @Size(max = 200) String name) {
    }

    record ClinicOpened(ClinicId clinicId, List<Room> rooms) {
    }

    record RoomAdded(RoomId roomId) {
    }

    @PostMapping
    @Operation(summary = "Open a clinic with its hours and rooms")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<ClinicOpened> open(@Valid @RequestBody OpenClinicRequest request, IdempotencyKey key) {
        ClinicId clinicId = ClinicId.random();
        List<Room> rooms = request.rooms().stream().map(room -> new Room(RoomId.random(), room.name())).toList();
        Outcome<ClinicOpened> opened = commands.sendOnceAnswering(key, request, new OpenClinic(clinicId, request.name(),
                request.address(), request.timeZone(), request.openingHours(), rooms, request.lateCancellationWindow()),
                new ClinicOpened(clinicId, rooms));
        return opened.answer(HttpStatus.CREATED).location(URI.create("/clinics/" + opened.result().clinicId()))
                .body(opened.result());
    }

    @PutMapping("/{clinicId}/opening-hours")
    @Operation(summary = "Replace a clinic's weekly opening hours; booked sessions stay")
    ResponseEntity<Void> changeOpeningHours(@PathVariable ClinicId clinicId, @Valid @NotNull @RequestBody WeeklyHours hours) {
        commands.send(new ChangeOpeningHours(clinicId, hours));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{clinicId}/booking-rules")
    @Operation(summary = "Replace a clinic's rules for bookings clients make themselves; staff are not bound by them")
    ResponseEntity<Void> setBookingRules(@PathVariable ClinicId clinicId, @Valid @RequestBody BookingRulesRequest rules) {
        commands.send(new SetBookingRules(clinicId, new BookingRules(rules.minimumNotice(), rules.maxUpcomingSessions(),
                rules.newClientsOnline(), rules.sameDayOnline(), rules.offerHold())));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{clinicId}/rooms")
    @Operation(summary = "Add a room")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<RoomAdded> addRoom(@PathVariable ClinicId clinicId, @Valid @RequestBody NewRoom room, IdempotencyKey key) {
        RoomId roomId = RoomId.random();
        Outcome<RoomAdded> added = commands.sendOnceAnswering(key, List.of(clinicId, room),
                new AddRoom(clinicId, roomId, room.name()), new RoomAdded(roomId));
        return added.answer(HttpStatus.CREATED).location(URI.create("/clinics/" + clinicId)).body(added.result());
    }

    @PostMapping("/{clinicId}/rooms/{roomId}/close")
    @Operation(summary = "Close a room: it takes no new sessions")
    ResponseEntity<Void> closeRoom(@PathVariable ClinicId clinicId, @PathVariable RoomId roomId, IdempotencyKey key) {
        return commands.sendOnce(key, List.of(clinicId, roomId), new CloseRoom(clinicId, roomId), Void.class)
                .answer(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/{clinicId}/close")
    @Operation(summary = "Close a clinic: no new bookings; booked sessions stay until cancelled")
    ResponseEntity<Void> close(@PathVariable ClinicId clinicId, IdempotencyKey key) {
        return commands.sendOnce(key, clinicId, new CloseClinic(clinicId), Void.class).answer(HttpStatus.NO_CONTENT).build();
    }
}
