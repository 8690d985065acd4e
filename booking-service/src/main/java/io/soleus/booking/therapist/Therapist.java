package io.soleus.booking.therapist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.therapist.TherapistCommands.AddAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.booking.therapist.TherapistCommands.LeaveClinic;
import io.soleus.booking.therapist.TherapistCommands.RemoveAvailabilityException;
import io.soleus.booking.therapist.TherapistCommands.SetWeeklyAvailability;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionAdded;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionRemoved;
import io.soleus.booking.therapist.TherapistEvents.TherapistJoinedClinic;
import io.soleus.booking.therapist.TherapistEvents.TherapistLeftClinic;
import io.soleus.booking.therapist.TherapistEvents.TherapistRegistered;
import io.soleus.booking.therapist.TherapistEvents.WeeklyAvailabilitySet;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A therapist: the clinics they work at, their weekly hours at each, and the exceptions to those
 * hours. Booking asks it whether a slot at a clinic is inside their availability.
 */
@Aggregate(lockFactory = "readMostlyLockFactory") // see BookingAxonConfiguration
public class Therapist {

    private static final Duration LONGEST_EXCEPTION = Duration.ofDays(366);
    private static final Duration FURTHEST_AHEAD = Duration.ofDays(2 * 366);

    @AggregateIdentifier
    private TherapistId therapistId;
    private String name;
    private final Set<ClinicId> clinics = new HashSet<>();
    private final Map<ClinicId, WeeklyHours> weeklyHours = new HashMap<>();
    private final Map<UUID, AvailabilityExceptionAdded> exceptions = new LinkedHashMap<>();

    protected Therapist() {
    }

    /** Registered through {@link TherapistRegistration}, which checks the clinics exist first. */
    Therapist(TherapistId therapistId, String name, Set<ClinicId> clinics) {
        apply(new TherapistRegistered(therapistId, name, Set.copyOf(clinics)));
    }

    void join(ClinicId clinic) {
        if (clinics.contains(clinic)) {
            throw new RuleViolationException("already-works-at-clinic", "This therapist already works at that clinic");
        }
        apply(new TherapistJoinedClinic(therapistId, clinic));
    }

    @CommandHandler
    void handle(LeaveClinic command) {
        requireWorksAt(command.clinicId());
        apply(new TherapistLeftClinic(therapistId, command.clinicId()));
    }

    @CommandHandler
    void handle(SetWeeklyAvailability command) {
        Require.present("hours", command.hours());
        requireWorksAt(command.clinicId());
        apply(new WeeklyAvailabilitySet(therapistId, command.clinicId(), command.hours()));
    }

    @CommandHandler
    void handle(AddAvailabilityException command, Clock clock) {
        Require.present("exceptionId", command.exceptionId());
        Require.present("kind", command.kind());
        Require.present("from", command.from());
        Require.present("to", command.to());
        Instant now = clock.instant();
        if (command.from().isBefore(now.minus(LONGEST_EXCEPTION)) || command.to().isAfter(now.plus(FURTHEST_AHEAD))) {
            throw new InvalidValueException("from", "an exception lies between a year ago and two years ahead");
        }
        if (!command.to().isAfter(command.from())) {
            throw new InvalidValueException("to", "to must be after from");
        }
        if (Duration.between(command.from(), command.to()).compareTo(LONGEST_EXCEPTION) > 0) {
            throw new InvalidValueException("to", "an exception spans at most a year");
        }
        if (command.kind() == ExceptionKind.EXTRA_HOURS) {
            Require.present("clinicId", command.clinicId());
        }
        if (command.clinicId() != null) {
            requireWorksAt(command.clinicId());
        }
        if (exceptions.containsKey(command.exceptionId())) {
            throw new RuleViolationException("exception-exists", "An exception with this id exists");
        }
        apply(new AvailabilityExceptionAdded(therapistId, command.exceptionId(), command.kind(), command.clinicId(),
                command.from(), command.to()));
    }

    @CommandHandler
    void handle(RemoveAvailabilityException command) {
        if (!exceptions.containsKey(command.exceptionId())) {
            throw new NotFoundException("No availability exception " + command.exceptionId());
        }
        AvailabilityExceptionAdded removed = exceptions.get(command.exceptionId());
        apply(new AvailabilityExceptionRemoved(therapistId, command.exceptionId(), removed.kind(), removed.clinicId(),
                removed.from(), removed.to()));
    }

    /** The clinics this therapist works at. */
    public Set<ClinicId> clinics() {
        return Set.copyOf(clinics);
    }

    /** The name bookings are made with, e.g. for the client's confirmation. */
    public String name() {
        return name;
    }

    /**
     * Refuses a slot outside this therapist's availability at the clinic: not working there, on
     * time off, or outside both the weekly hours and any extra hours there.
     */
    public void ensureAvailable(ClinicId clinic, ZoneId zone, TimeSlot slot) {
        if (!clinics.contains(clinic)) {
            throw new RuleViolationException("therapist-not-at-clinic", "This therapist does not work at this clinic");
        }
        boolean onTimeOff = exceptions.values().stream()
                .filter(exception -> exception.kind() == ExceptionKind.TIME_OFF)
                .filter(exception -> exception.clinicId() == null || exception.clinicId().equals(clinic))
                .anyMatch(exception -> new TimeSlot(exception.from(), exception.to()).overlaps(slot));
        LocalDateTime start = LocalDateTime.ofInstant(slot.start(), zone);
        LocalDateTime end = LocalDateTime.ofInstant(slot.end(), zone);
        boolean inWeeklyHours = weeklyHours.getOrDefault(clinic, WeeklyHours.NONE).covers(start, end);
        boolean inExtraHours = exceptions.values().stream()
                .filter(exception -> exception.kind() == ExceptionKind.EXTRA_HOURS && exception.clinicId().equals(clinic))
                .anyMatch(exception -> !slot.start().isBefore(exception.from()) && !slot.end().isAfter(exception.to()));
        if (onTimeOff || !(inWeeklyHours || inExtraHours)) {
            throw new RuleViolationException("therapist-unavailable",
                    "The therapist is not available at this clinic for the whole session");
        }
    }

    private void requireWorksAt(ClinicId clinic) {
        Require.present("clinicId", clinic);
        if (!clinics.contains(clinic)) {
            throw new RuleViolationException("therapist-not-at-clinic", "This therapist does not work at that clinic");
        }
    }

    @EventSourcingHandler
    void on(TherapistRegistered event) {
        therapistId = event.therapistId();
        name = event.name();
        clinics.addAll(event.clinics());
    }

    @EventSourcingHandler
    void on(TherapistJoinedClinic event) {
        clinics.add(event.clinicId());
    }

    @EventSourcingHandler
    void on(TherapistLeftClinic event) {
        clinics.remove(event.clinicId());
        weeklyHours.remove(event.clinicId());
    }

    @EventSourcingHandler
    void on(WeeklyAvailabilitySet event) {
        weeklyHours.put(event.clinicId(), event.hours());
    }

    @EventSourcingHandler
    void on(AvailabilityExceptionAdded event) {
        exceptions.put(event.exceptionId(), event);
    }

    @EventSourcingHandler
    void on(AvailabilityExceptionRemoved event) {
        exceptions.remove(event.exceptionId());
    }
}
