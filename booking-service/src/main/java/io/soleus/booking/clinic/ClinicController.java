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
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.platform.command.Commands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins open clinics, set their hours, add and close rooms, and close clinics. */
@RestController
@RequestMapping("/clinics")
@Tag(name = "Clinics")
@PreAuthorize("hasRole('ADMIN')")
class ClinicController {

    private final Commands commands;

    ClinicController(Commands commands) {
        this.commands = commands;
    }

    record OpenClinicRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String address,
                             @NotNull ZoneId timeZone, @NotNull WeeklyHours openingHours,
                             @NotEmpty @Size(max = 50) List<@Valid @NotNull NewRoom> rooms, Duration lateCancellationWindow) {
    }

    record NewRoom(@NotBlank @Size(max = 200) String name) {
    }

    record ClinicOpened(ClinicId clinicId, List<Room> rooms) {
    }

    record RoomAdded(RoomId roomId) {
    }

    @PostMapping
    @Operation(summary = "Open a clinic with its hours and rooms")
    ResponseEntity<ClinicOpened> open(@Valid @RequestBody OpenClinicRequest request) {
        ClinicId clinicId = ClinicId.random();
        List<Room> rooms = request.rooms().stream().map(room -> new Room(RoomId.random(), room.name())).toList();
        commands.send(new OpenClinic(clinicId, request.name(), request.address(), request.timeZone(),
                request.openingHours(), rooms, request.lateCancellationWindow()));
        return ResponseEntity.created(URI.create("/clinics/" + clinicId)).body(new ClinicOpened(clinicId, rooms));
    }

    @PutMapping("/{clinicId}/opening-hours")
    @Operation(summary = "Replace a clinic's weekly opening hours; booked sessions stay")
    ResponseEntity<Void> changeOpeningHours(@PathVariable ClinicId clinicId, @Valid @NotNull @RequestBody WeeklyHours hours) {
        commands.send(new ChangeOpeningHours(clinicId, hours));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{clinicId}/rooms")
    @Operation(summary = "Add a room")
    ResponseEntity<RoomAdded> addRoom(@PathVariable ClinicId clinicId, @Valid @RequestBody NewRoom room) {
        RoomId roomId = RoomId.random();
        commands.send(new AddRoom(clinicId, roomId, room.name()));
        return ResponseEntity.created(URI.create("/clinics/" + clinicId)).body(new RoomAdded(roomId));
    }

    @PostMapping("/{clinicId}/rooms/{roomId}/close")
    @Operation(summary = "Close a room: it takes no new sessions")
    ResponseEntity<Void> closeRoom(@PathVariable ClinicId clinicId, @PathVariable RoomId roomId) {
        commands.send(new CloseRoom(clinicId, roomId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{clinicId}/close")
    @Operation(summary = "Close a clinic: no new bookings; booked sessions stay until cancelled")
    ResponseEntity<Void> close(@PathVariable ClinicId clinicId) {
        commands.send(new CloseClinic(clinicId));
        return ResponseEntity.noContent().build();
    }
}
