package io.soleus.booking.therapist;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;

/** What happened to a therapist's registration and availability; internal to the booking service. */
public final class TherapistEvents {

    private TherapistEvents() {
    }

    public record TherapistRegistered(TherapistId therapistId, String name, Set<ClinicId> clinics) {
    }

    public record TherapistJoinedClinic(TherapistId therapistId, ClinicId clinicId) {
    }

    public record TherapistLeftClinic(TherapistId therapistId, ClinicId clinicId) {
    }

    public record WeeklyAvailabilitySet(TherapistId therapistId, ClinicId clinicId, WeeklyHours hours) {
    }

    public record AvailabilityExceptionAdded(TherapistId therapistId, UUID exceptionId, ExceptionKind kind,
                                             ClinicId clinicId, Instant from, Instant to) {
    }

    /**
     * An exception withdrawn; it names what it was ({@code kind}, {@code clinicId}, {@code from}, {@code to}),
     * so time off withdrawn can be offered to the waitlist. Removals stored before they did have those null.
     */
    public record AvailabilityExceptionRemoved(TherapistId therapistId, UUID exceptionId, ExceptionKind kind,
                                               ClinicId clinicId, Instant from, Instant to) {
    }
}
