package io.soleus.booking.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.client.Client;
import io.soleus.booking.clinic.BookingRules;
import io.soleus.booking.clinic.Clinic;
import io.soleus.booking.schedule.Schedule;
import io.soleus.booking.schedule.ScheduleKey.Kind;
import io.soleus.booking.schedule.Schedules;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionCommands.CancelSession;
import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.booking.sessiontype.SessionType;
import io.soleus.booking.therapist.Therapist;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.axon.Aggregates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Books, reschedules and cancels sessions. Each command checks the clinic, the therapist and the
 * session type (and, for a client booking themself, the clinic's online rules), then holds or frees
 * the session's time in the therapist's, a room's and the client's day schedules and in the client's
 * standing sessions, all in one unit of work: the session and its reservations are stored
 * together or not at all. Schedules are taken therapist first, then rooms, then the client. A
 * therapist's rooms are tried from their own place among the clinic's rooms ({@link #roomsInTurn}),
 * so a clinic's therapists do not all queue for its first room: the one day schedule every booking
 * of the day would otherwise wait for. Two bookings that wrap around the rooms may wait for each
 * other's room; Axon's lock tells one of them (a transient deadlock exception) and it is sent again.
 */
@Component
public class SessionBooking {

    private final Repository<Session> sessions;
    private final Repository<Client> clients;
    private final Repository<SessionType> sessionTypes;
    private final Repository<Clinic> clinics;
    private final Repository<Therapist> therapists;
    private final Schedules schedules;
    private final EarlierSessions earlierSessions;
    private final Clock clock;
    private final Duration horizon;

    public SessionBooking(@Qualifier("sessionRepository") Repository<Session> sessions,
                          @Qualifier("clientRepository") Repository<Client> clients,
                          @Qualifier("sessionTypeRepository") Repository<SessionType> sessionTypes,
                          @Qualifier("clinicRepository") Repository<Clinic> clinics,
                          @Qualifier("therapistRepository") Repository<Therapist> therapists,
                          @Qualifier("scheduleRepository") Repository<Schedule> schedules,
                          EarlierSessions earlierSessions, Clock clock,
                          @Value("${soleus.booking.horizon:P180D}") Duration horizon) {
        this.sessions = sessions;
        this.clients = clients;
        this.sessionTypes = sessionTypes;
        this.clinics = clinics;
        this.therapists = therapists;
        this.schedules = new Schedules(schedules);
        this.earlierSessions = earlierSessions;
        this.clock = clock;
        this.horizon = horizon;
    }

    @CommandHandler
    public SessionDetails handle(BookSession command) throws Exception {
        return make(check(command, null, false), null);
    }

    /**
     * Books the time the clinic offered a waitlisted client and holds for them under the session's own id
     * in the therapist's and {@code heldRoom}'s day schedules: the clinic's online rules do not apply (the
     * clinic offered it), and the held room is taken. Called inside the acceptance's unit of work.
     */
    public SessionDetails bookOffered(BookSession command, RoomId heldRoom) throws Exception {
        return make(check(command, heldRoom, true), null);
    }

    /** A booking that passed every rule and found its room: nothing is held yet. */
    public record Checked(BookSession command, TimeSlot slot, TimeSlot busy, RoomId room, String therapistName,
                          String sessionTypeName, ZoneId zone) {
    }

    /**
     * Checks a booking against the clinic, the therapist, the session type, the clinic's online rules
     * (for a client booking themself, unless the clinic offered the time) and every day schedule it
     * would take, changing nothing: a refusal here leaves the unit of work as it was, so a course can
     * go on to its next date.
     */
    public Checked check(BookSession command, RoomId preferredRoom, boolean offeredByTheClinic) throws Exception {
        Require.present("sessionId", command.sessionId());
        Require.present("clientId", command.clientId());
        Require.present("therapistId", command.therapistId());
        Require.present("clinicId", command.clinicId());
        Require.present("sessionTypeId", command.sessionTypeId());
        Require.present("start", command.start());
        ensureMayBook(command);
        Instant now = clock.instant();

        Aggregate<Client> client = Aggregates.load(clients, command.clientId(), "client");
        client.execute(Client::ensureNotForgotten);
        Aggregate<SessionType> type = Aggregates.load(sessionTypes, command.sessionTypeId(), "session type");
        type.execute(sessionType -> sessionType.ensureOfferedBy(command.therapistId()));
        ensureBookable(command.start(), now);
        TimeSlot slot = new TimeSlot(command.start(), command.start().plus(type.invoke(SessionType::duration)));
        Aggregate<Clinic> clinic = Aggregates.load(clinics, command.clinicId(), "clinic");
        if (BookingPolicy.actsAsClient(command.by()) && !offeredByTheClinic) {
            BookingRules rules = clinic.invoke(Clinic::bookingRules);
            clinic.execute(it -> it.ensureOnlineNotice(slot.start(), now));
            boolean seenBefore = !rules.newClientsOnline() && earlierSessions.anyAt(command.clientId(), command.clinicId());
            client.execute(it -> it.ensureMayBookOnline(command.clinicId(), rules, now, seenBefore));
        }
        Aggregate<Therapist> therapist = checkClinicAndTherapist(clinic, command.clinicId(), command.therapistId(), slot);

        TimeSlot busy = slot.withBufferAfter(type.invoke(SessionType::bufferAfter));
        schedules.ensureFree(Kind.THERAPIST, command.therapistId().value(), busy, command.sessionId());
        RoomId room = freeRoom(clinic.invoke(Clinic::openRooms), preferredRoom, command.therapistId(), busy, command.sessionId());
        schedules.ensureFree(Kind.CLIENT, command.clientId().value(), slot, command.sessionId());
        return new Checked(command, slot, busy, room, therapist.invoke(Therapist::name), type.invoke(SessionType::name),
                clinic.invoke(Clinic::timeZone));
    }

    /** Makes a checked booking, in {@code series} if not null: holds its time everywhere and books the session. */
    public SessionDetails make(Checked booking, SeriesId series) throws Exception {
        BookSession command = booking.command();
        schedules.reserve(Kind.THERAPIST, command.therapistId().value(), booking.busy(), command.sessionId());
        schedules.reserve(Kind.ROOM, booking.room().value(), booking.busy(), command.sessionId());
        schedules.reserve(Kind.CLIENT, command.clientId().value(), booking.slot(), command.sessionId());
        Aggregates.load(clients, command.clientId(), "client")
                .execute(it -> it.hold(command.sessionId(), command.clinicId(), booking.slot().start()));

        SessionBooked booked = new SessionBooked(command.sessionId(), command.clientId(), command.therapistId(),
                booking.therapistName(), command.clinicId(), booking.room(), command.sessionTypeId(), booking.sessionTypeName(),
                booking.slot(), booking.zone().getId(), clock.instant(), series);
        return sessions.newInstance(() -> new Session(booked)).invoke(Session::details);
    }

    @CommandHandler
    public SessionDetails handle(RescheduleSession command) {
        return reschedule(command, null);
    }

    /** Moves a session, as part of moving its {@code series} from it on when that is not null. */
    public SessionDetails reschedule(RescheduleSession command, SeriesId series) {
        Require.present("start", command.start());
        Instant now = clock.instant();
        Aggregate<Session> session = loadVisible(command.sessionId(), command.by());
        session.execute(it -> it.requireBookedAndAhead(now, "rescheduled"));
        Session current = session.invoke(it -> it);

        Aggregate<SessionType> type = Aggregates.load(sessionTypes, current.sessionTypeId(), "session type");
        Duration buffer = type.invoke(SessionType::bufferAfter);
        Aggregate<Clinic> clinic = Aggregates.load(clinics, current.clinicId(), "clinic");
        if (BookingPolicy.actsAsClient(command.by())
                && now.isAfter(current.slot().start().minus(clinic.invoke(Clinic::lateCancellationWindow)))) {
            throw new RuleViolationException("inside-late-window",
                    "Inside the clinic's cancellation window only the clinic can move a session");
        }
        ensureBookable(command.start(), now);
        if (BookingPolicy.actsAsClient(command.by())) {
            clinic.execute(it -> it.ensureOnlineNotice(command.start(), now));
        }
        TimeSlot slot = new TimeSlot(command.start(), command.start().plus(type.invoke(SessionType::duration)));
        checkClinicAndTherapist(clinic, current.clinicId(), current.therapistId(), slot);

        TimeSlot previousBusy = current.slot().withBufferAfter(buffer);
        TimeSlot busy = slot.withBufferAfter(buffer);
        SessionId id = command.sessionId();
        // the old and the new days, in booking's global order, before anything changes
        schedules.lockInOrder(Kind.THERAPIST, current.therapistId().value(), previousBusy, busy);
        schedules.lockInOrder(Kind.ROOM, current.roomId().value(), previousBusy, busy);
        schedules.lockInOrder(Kind.CLIENT, current.clientId().value(), current.slot(), slot);
        schedules.release(Kind.THERAPIST, current.therapistId().value(), previousBusy, id);
        schedules.reserve(Kind.THERAPIST, current.therapistId().value(), busy, id);
        schedules.release(Kind.ROOM, current.roomId().value(), previousBusy, id);
        RoomId room = freeRoom(clinic.invoke(Clinic::openRooms), current.roomId(), current.therapistId(), busy, id);
        schedules.reserve(Kind.ROOM, room.value(), busy, id);
        schedules.release(Kind.CLIENT, current.clientId().value(), current.slot(), id);
        schedules.reserve(Kind.CLIENT, current.clientId().value(), slot, id);
        Aggregates.load(clients, current.clientId(), "client").execute(it -> it.move(id, slot.start()));

        session.execute(it -> it.reschedule(slot, room, now, series));
        return session.invoke(Session::details);
    }

    @CommandHandler
    public SessionDetails handle(CancelSession command) {
        return cancel(command, null);
    }

    /** Cancels a session, as part of cancelling its {@code series} from it on when that is not null. */
    public SessionDetails cancel(CancelSession command, SeriesId series) {
        Instant now = clock.instant();
        Aggregate<Session> session = loadVisible(command.sessionId(), command.by());
        Session current = session.invoke(it -> it);
        CancelledBy by = BookingPolicy.actsAsClient(command.by()) ? CancelledBy.CLIENT : CancelledBy.CLINIC;
        Duration lateWindow = Aggregates.load(clinics, current.clinicId(), "clinic").invoke(Clinic::lateCancellationWindow);
        session.execute(it -> it.cancel(by, command.reason(), lateWindow, now, series));

        Duration buffer = Aggregates.load(sessionTypes, current.sessionTypeId(), "session type").invoke(SessionType::bufferAfter);
        TimeSlot busy = current.slot().withBufferAfter(buffer);
        schedules.release(Kind.THERAPIST, current.therapistId().value(), busy, command.sessionId());
        schedules.release(Kind.ROOM, current.roomId().value(), busy, command.sessionId());
        schedules.release(Kind.CLIENT, current.clientId().value(), current.slot(), command.sessionId());
        Aggregates.load(clients, current.clientId(), "client").execute(it -> it.release(command.sessionId()));
        return session.invoke(Session::details);
    }

    /** Clients book for themselves, therapists at their own clinics, admins anywhere. */
    private static void ensureMayBook(BookSession command) {
        Actor by = command.by();
        if (BookingPolicy.seesSession(by, command.clinicId(), command.clientId())) {
            return;
        }
        throw new NotFoundException(BookingPolicy.clientOf(by).isPresent() ? "No client " + command.clientId() : "No clinic " + command.clinicId());
    }

    /** Checked before anything is computed from {@code start}, so an absurd start is refused, not overflowed. */
    private void ensureBookable(Instant start, Instant now) {
        if (!start.isAfter(now)) {
            throw new RuleViolationException("in-the-past", "A session cannot start in the past");
        }
        if (start.isAfter(now.plus(horizon))) {
            throw new RuleViolationException("beyond-booking-horizon",
                    "Sessions can be booked at most " + horizon.toDays() + " days ahead");
        }
    }

    private Aggregate<Therapist> checkClinicAndTherapist(Aggregate<Clinic> clinic, ClinicId clinicId,
                                                         TherapistId therapistId, TimeSlot slot) {
        clinic.execute(it -> it.ensureCanHost(slot));
        ZoneId zone = clinic.invoke(Clinic::timeZone);
        Aggregate<Therapist> therapist = Aggregates.load(therapists, therapistId, "therapist");
        therapist.execute(it -> it.ensureAvailable(clinicId, zone, slot));
        return therapist;
    }

    /** The room to use: the preferred one if it is still open and free, else the first free one in the therapist's turn. */
    private RoomId freeRoom(List<RoomId> openRooms, RoomId preferred, TherapistId therapist, TimeSlot busy, SessionId session) {
        if (preferred != null && openRooms.contains(preferred)
                && schedules.isFree(Kind.ROOM, preferred.value(), busy, session)) {
            return preferred;
        }
        return roomsInTurn(openRooms, therapist).stream()
                .filter(room -> schedules.isFree(Kind.ROOM, room.value(), busy, session))
                .findFirst()
                .orElseThrow(() -> new RuleViolationException("room-taken", "No room is free then"));
    }

    /**
     * The clinic's open rooms in the order a therapist tries them: from a place of their own (their
     * id's hash) to the last room, then from the first. Always the same for one therapist, so they
     * mostly stay in one room, and spread over the rooms for a clinic's therapists.
     */
    public static List<RoomId> roomsInTurn(List<RoomId> openRooms, TherapistId therapist) {
        if (openRooms.isEmpty()) {
            return openRooms;
        }
        int first = Math.floorMod(therapist.value().hashCode(), openRooms.size());
        List<RoomId> inTurn = new ArrayList<>(openRooms.subList(first, openRooms.size()));
        inTurn.addAll(openRooms.subList(0, first));
        return inTurn;
    }

    private Aggregate<Session> loadVisible(SessionId id, Actor by) {
        Require.present("sessionId", id);
        Aggregate<Session> session = Aggregates.load(sessions, id, "session");
        session.execute(it -> it.ensureVisibleTo(by));
        return session;
    }
}
