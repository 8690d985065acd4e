package io.soleus.booking.sessiontype;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.soleus.booking.sessiontype.SessionTypeCommands.ChangeSessionTypeTherapists;
import io.soleus.booking.sessiontype.SessionTypeCommands.DefineSessionType;
import io.soleus.booking.sessiontype.SessionTypeEvents.SessionTypeDefined;
import io.soleus.booking.sessiontype.SessionTypeEvents.SessionTypeTherapistsChanged;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A kind of session (e.g. "Initial assessment", 60 min): how long it takes and who offers it. */
@Aggregate(lockFactory = "readMostlyLockFactory") // see BookingAxonConfiguration
public class SessionType {

    private static final Duration SHORTEST = Duration.ofMinutes(10);
    private static final Duration LONGEST = Duration.ofHours(8);
    private static final Duration LONGEST_BUFFER = Duration.ofHours(2);

    @AggregateIdentifier
    private SessionTypeId sessionTypeId;
    private String name;
    private Duration duration;
    private Duration bufferAfter;
    private final Set<TherapistId> therapists = new HashSet<>();

    protected SessionType() {
    }

    @CommandHandler
    public SessionType(DefineSessionType command) {
        Require.present("sessionTypeId", command.sessionTypeId());
        Require.text("name", command.name(), 120);
        Duration length = Require.present("duration", command.duration());
        if (length.compareTo(SHORTEST) < 0 || length.compareTo(LONGEST) > 0 || length.toSeconds() % 300 != 0) {
            throw new InvalidValueException("duration", "duration must be 10 minutes to 8 hours, in steps of 5 minutes");
        }
        Duration buffer = command.bufferAfter() == null ? Duration.ZERO : command.bufferAfter();
        if (buffer.isNegative() || buffer.compareTo(LONGEST_BUFFER) > 0 || buffer.toSeconds() % 300 != 0) {
            throw new InvalidValueException("bufferAfter", "bufferAfter must be 0 to 2 hours, in steps of 5 minutes");
        }
        Set<TherapistId> offeredBy = Require.size("therapists",
                command.therapists() == null ? Set.<TherapistId>of() : command.therapists(), 0, 500);
        apply(new SessionTypeDefined(command.sessionTypeId(), command.name(), length, buffer, Set.copyOf(offeredBy)));
    }

    @CommandHandler
    void handle(ChangeSessionTypeTherapists command) {
        Set<TherapistId> offeredBy = Require.size("therapists", command.therapists(), 0, 500);
        apply(new SessionTypeTherapistsChanged(sessionTypeId, Set.copyOf(offeredBy)));
    }

    public void ensureOfferedBy(TherapistId therapist) {
        if (!therapists.contains(therapist)) {
            throw new RuleViolationException("session-type-not-offered", "This therapist does not offer " + name);
        }
    }

    public String name() {
        return name;
    }

    public Duration duration() {
        return duration;
    }

    public Duration bufferAfter() {
        return bufferAfter;
    }

    @EventSourcingHandler
    void on(SessionTypeDefined event) {
        sessionTypeId = event.sessionTypeId();
        name = event.name();
        duration = event.duration();
        bufferAfter = event.bufferAfter();
        therapists.addAll(event.therapists());
    }

    @EventSourcingHandler
    void on(SessionTypeTherapistsChanged event) {
        therapists.clear();
        therapists.addAll(event.therapists());
    }
}
