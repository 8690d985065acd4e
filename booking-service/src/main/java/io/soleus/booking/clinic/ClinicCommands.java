package io.soleus.booking.clinic;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What admins ask of a clinic. */
public final class ClinicCommands {

    private ClinicCommands() {
    }

    public record OpenClinic(ClinicId clinicId, String name, String address, ZoneId timeZone, WeeklyHours openingHours,
                             List<Room> rooms, Duration lateCancellationWindow) {
    }

    public record Room(RoomId roomId, String name) {
    }

    public record ChangeOpeningHours(@TargetAggregateIdentifier ClinicId clinicId, WeeklyHours openingHours) {
    }

    public record AddRoom(@TargetAggregateIdentifier ClinicId clinicId, RoomId roomId, String name) {
    }

    public record CloseRoom(@TargetAggregateIdentifier ClinicId clinicId, RoomId roomId) {
    }

    public record SetBookingRules(@TargetAggregateIdentifier ClinicId clinicId, BookingRules rules) {
    }

    public record CloseClinic(@TargetAggregateIdentifier ClinicId clinicId) {
    }
}
