package io.soleus.booking.clinic;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soleus.booking.WeeklyHours;
import io.soleus.booking.clinic.ClinicCommands.AddRoom;
import io.soleus.booking.clinic.ClinicCommands.ChangeOpeningHours;
import io.soleus.booking.clinic.ClinicCommands.CloseClinic;
import io.soleus.booking.clinic.ClinicCommands.CloseRoom;
import io.soleus.booking.clinic.ClinicCommands.OpenClinic;
import io.soleus.booking.clinic.ClinicCommands.Room;
import io.soleus.booking.clinic.ClinicCommands.SetBookingRules;
import io.soleus.booking.clinic.ClinicEvents.BookingRulesSet;
import io.soleus.booking.clinic.ClinicEvents.ClinicClosed;
import io.soleus.booking.clinic.ClinicEvents.ClinicLaidOut;
import io.soleus.booking.clinic.ClinicEvents.OpeningHoursChanged;
import io.soleus.booking.clinic.ClinicEvents.RoomAdded;
import io.soleus.booking.clinic.ClinicEvents.RoomClosed;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.value.TimeSlot;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A clinic: where it is, when it is open and which rooms it has. Booking asks it whether a slot
 * lies inside its hours and which rooms may take a session.
 */
@Aggregate(lockFactory = "readMostlyLockFactory") // see BookingAxonConfiguration
public class Clinic {

    static final Duration DEFAULT_LATE_CANCELLATION_WINDOW = Duration.ofHours(24);
    private static final Duration LONGEST_LATE_CANCELLATION_WINDOW = Duration.ofDays(14);

    @AggregateIdentifier
    private ClinicId clinicId;
    private ZoneId timeZone;
    private WeeklyHours openingHours;
    private Duration lateCancellationWindow;
    private BookingRules bookingRules = BookingRules.DEFAULT;
    /** Rooms that take sessions, with their names, in the order they were added. */
    private final Map<RoomId, String> openRooms = new LinkedHashMap<>();
    private final List<RoomId> closedRooms = new ArrayList<>();
    private boolean closed;

    protected Clinic() {
    }

    @CommandHandler
    public Clinic(OpenClinic command) {
        Require.present("clinicId", command.clinicId());
        Require.text("name", command.name(), 200);
        Require.text("address", command.address(), 500);
        Require.present("timeZone", command.timeZone());
        Require.present("openingHours", command.openingHours());
        List<Room> rooms = Require.size("rooms", command.rooms() == null ? List.of() : command.rooms(), 1, 50);
        if (rooms.stream().map(Room::name).distinct().count() < rooms.size()) {
            throw new RuleViolationException("room-names-unique", "Two rooms of a clinic cannot share a name");
        }
        Duration window = command.lateCancellationWindow() == null
                ? DEFAULT_LATE_CANCELLATION_WINDOW : command.lateCancellationWindow();
        if (window.isNegative() || window.compareTo(LONGEST_LATE_CANCELLATION_WINDOW) > 0) {
            throw new InvalidValueException("lateCancellationWindow",
                    "lateCancellationWindow must be between PT0S and P14D");
        }
        apply(new ClinicOpened(command.clinicId(), command.name(), command.address(), command.timeZone().getId(),
                window));
        apply(new ClinicLaidOut(command.clinicId(), command.openingHours(), List.copyOf(rooms)));
    }

    @CommandHandler
    void handle(ChangeOpeningHours command) {
        requireOpen();
        Require.present("openingHours", command.openingHours());
        apply(new OpeningHoursChanged(clinicId, command.openingHours()));
    }

    @CommandHandler
    void handle(AddRoom command) {
        requireOpen();
        Require.present("roomId", command.roomId());
        Require.text("name", command.name(), 200);
        if (openRooms.containsKey(command.roomId()) || closedRooms.contains(command.roomId())) {
            throw new RuleViolationException("room-exists", "This clinic already has a room with that id");
        }
        if (openRooms.containsValue(command.name())) {
            throw new RuleViolationException("room-names-unique", "Two rooms of a clinic cannot share a name");
        }
        apply(new RoomAdded(clinicId, command.roomId(), command.name()));
    }

    @CommandHandler
    void handle(CloseRoom command) {
        requireOpen();
        if (closedRooms.contains(command.roomId())) {
            throw new RuleViolationException("room-closed", "This room is already closed");
        }
        if (!openRooms.containsKey(command.roomId())) {
            throw new NotFoundException("No room " + command.roomId() + " at this clinic");
        }
        apply(new RoomClosed(clinicId, command.roomId()));
    }

    @CommandHandler
    void handle(SetBookingRules command) {
        requireOpen();
        Require.present("rules", command.rules());
        apply(new BookingRulesSet(clinicId, command.rules().checked()));
    }

    @CommandHandler
    void handle(CloseClinic command) {
        requireOpen();
        apply(new ClinicClosed(clinicId));
    }

    /** Refuses a slot this clinic cannot host: closed, or outside its opening hours on that day. */
    public void ensureCanHost(TimeSlot slot) {
        if (closed) {
            throw new RuleViolationException("clinic-closed", "This clinic takes no new bookings");
        }
        if (!openingHours.covers(local(slot.start()), local(slot.end()))) {
            throw new RuleViolationException("outside-opening-hours", "The clinic is not open for the whole session");
        }
    }

    /** Refuses a start a client may not book (or move a session to) themself: too soon, or today when same-day is off. */
    public void ensureOnlineNotice(Instant start, Instant now) {
        if (start.isBefore(now.plus(bookingRules.minimumNotice()))) {
            throw new RuleViolationException("minimum-notice", "This clinic takes online bookings at least "
                    + bookingRules.minimumNotice().toMinutes() + " minutes ahead");
        }
        if (!bookingRules.sameDayOnline() && local(start).toLocalDate().equals(local(now).toLocalDate())) {
            throw new RuleViolationException("no-same-day-online", "This clinic takes no same-day bookings online");
        }
    }

    /** The rooms that take sessions, in a fixed order, so every booking tries them in the same order. */
    public List<RoomId> openRooms() {
        return List.copyOf(openRooms.keySet());
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public Duration lateCancellationWindow() {
        return lateCancellationWindow;
    }

    public BookingRules bookingRules() {
        return bookingRules;
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, timeZone);
    }

    /** Refuses any change once the clinic is closed. */
    public void requireOpen() {
        if (closed) {
            throw new RuleViolationException("clinic-closed", "This clinic is closed");
        }
    }

    @EventSourcingHandler
    void on(ClinicOpened event) {
        clinicId = event.clinicId();
        timeZone = ZoneId.of(event.timeZone());
        lateCancellationWindow = event.lateCancellationWindow();
    }

    @EventSourcingHandler
    void on(ClinicLaidOut event) {
        openingHours = event.openingHours();
        event.rooms().forEach(room -> openRooms.put(room.roomId(), room.name()));
    }

    @EventSourcingHandler
    void on(OpeningHoursChanged event) {
        openingHours = event.openingHours();
    }

    @EventSourcingHandler
    void on(RoomAdded event) {
        openRooms.put(event.roomId(), event.name());
    }

    @EventSourcingHandler
    void on(RoomClosed event) {
        openRooms.remove(event.roomId());
        closedRooms.add(event.roomId());
    }

    @EventSourcingHandler
    void on(BookingRulesSet event) {
        bookingRules = event.rules();
    }

    @EventSourcingHandler
    void on(ClinicClosed event) {
        closed = true;
    }
}
