package io.soleus.booking.therapist;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.soleus.booking.WeeklyHours;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What admins ask of a therapist's registration and availability. */
public final class TherapistCommands {

    private TherapistCommands() {
    }

    public record RegisterTherapist(TherapistId therapistId, String name, Set<ClinicId> clinics) {
    }

    public record JoinClinic(@TargetAggregateIdentifier TherapistId therapistId, ClinicId clinicId) {
    }

    public record LeaveClinic(@TargetAggregateIdentifier TherapistId therapistId, ClinicId clinicId) {
    }

    public record SetWeeklyAvailability(@TargetAggregateIdentifier TherapistId therapistId, ClinicId clinicId,
                                        WeeklyHours hours) {
    }

    /** Time off (at one clinic, or everywhere when {@code clinicId} is empty) or extra hours at a clinic. */
    public record AddAvailabilityException(@TargetAggregateIdentifier TherapistId therapistId, UUID exceptionId,
                                           ExceptionKind kind, ClinicId clinicId, Instant from, Instant to) {
    }

    public record RemoveAvailabilityException(@TargetAggregateIdentifier TherapistId therapistId, UUID exceptionId) {
    }

    public enum ExceptionKind { TIME_OFF, EXTRA_HOURS }
}
