package io.soleus.booking.clinic;

import java.util.List;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;

/** What happened to a clinic; internal to the booking service. */
public final class ClinicEvents {

    private ClinicEvents() {
    }

    /** Follows the published {@link io.soleus.kernel.booking.ClinicOpened}: the clinic's hours and rooms. */
    public record ClinicLaidOut(ClinicId clinicId, WeeklyHours openingHours, List<Room> rooms) {
    }

    public record OpeningHoursChanged(ClinicId clinicId, WeeklyHours openingHours) {
    }

    public record RoomAdded(ClinicId clinicId, RoomId roomId, String name) {
    }

    public record RoomClosed(ClinicId clinicId, RoomId roomId) {
    }

    /** The clinic's rules for bookings clients make themselves, replacing the earlier ones. */
    public record BookingRulesSet(ClinicId clinicId, BookingRules rules) {
    }

    public record ClinicClosed(ClinicId clinicId) {
    }
}
