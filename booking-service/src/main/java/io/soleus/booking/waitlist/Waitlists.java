package io.soleus.booking.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.soleus.booking.BookingPolicy;
import io.soleus.booking.client.Client;
import io.soleus.booking.clinic.Clinic;
import io.soleus.booking.schedule.Schedule;
import io.soleus.booking.schedule.ScheduleKey.Kind;
import io.soleus.booking.schedule.Schedules;
import io.soleus.booking.session.Session;
import io.soleus.booking.session.SessionBooking;
import io.soleus.booking.session.SessionCommands.BookSession;
import io.soleus.booking.session.SessionDetails;
import io.soleus.booking.sessiontype.SessionType;
import io.soleus.booking.therapist.Therapist;
import io.soleus.booking.waitlist.WaitlistCommands.AcceptOffer;
import io.soleus.booking.waitlist.WaitlistCommands.ExpireOffer;
import io.soleus.booking.waitlist.WaitlistCommands.JoinWaitlist;
import io.soleus.booking.waitlist.WaitlistCommands.LeaveWaitlist;
import io.soleus.booking.waitlist.WaitlistCommands.OfferFreedTime;
import io.soleus.booking.waitlist.WaitlistCommands.OfferNewTime;
import io.soleus.booking.waitlist.WaitlistEntry.Offer;
import io.soleus.booking.waitlist.WaitlistEvents.WaitlistJoined;
import io.soleus.booking.waitlist.WaitlistQueries.Entry;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.axon.Aggregates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The waitlist's commands. A freed time is offered to the first waitlisted client in order who can
 * take it: the time is held in the therapist's and a room's day schedules under the offer's id (the
 * id the session will have), in the same unit of work as the offer, so nobody else can book it while
 * it is held and the offer never names a time that was taken meanwhile. Taking the offer books that
 * held time; an offer that runs out, or whose client leaves, releases it and goes to the next client.
 * Schedules are taken therapist first, then the room, then the client, as booking takes them.
 */
@Component
public class Waitlists {

    /** How far ahead new time is offered to those waiting. */
    static final Duration NEW_TIME_AHEAD = Duration.ofDays(28);
    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    private final Repository<WaitlistEntry> entries;
    private final Repository<Session> sessions;
    private final Repository<Client> clients;
    private final Repository<SessionType> sessionTypes;
    private final Repository<Clinic> clinics;
    private final Repository<Therapist> therapists;
    private final Schedules schedules;
    private final SessionBooking booking;
    private final WaitlistQueries queries;
    private final Clock clock;
    private final Duration horizon;

    public Waitlists(@Qualifier("waitlistEntryRepository") Repository<WaitlistEntry> entries,
                     @Qualifier("sessionRepository") Repository<Session> sessions,
                     @Qualifier("clientRepository") Repository<Client> clients,
                     @Qualifier("sessionTypeRepository") Repository<SessionType> sessionTypes,
                     @Qualifier("clinicRepository") Repository<Clinic> clinics,
                     @Qualifier("therapistRepository") Repository<Therapist> therapists,
                     @Qualifier("scheduleRepository") Repository<Schedule> schedules,
                     SessionBooking booking, WaitlistQueries queries, Clock clock,
                     @Value("${soleus.booking.horizon:P180D}") Duration horizon) {
        this.entries = entries;
        this.sessions = sessions;
        this.clients = clients;
        this.sessionTypes = sessionTypes;
        this.clinics = clinics;
        this.therapists = therapists;
        this.schedules = new Schedules(schedules);
        this.booking = booking;
        this.queries = queries;
        this.clock = clock;
        this.horizon = horizon;
    }

    @CommandHandler
    public WaitlistEntryId handle(JoinWaitlist command) throws Exception {
        Require.present("entryId", command.entryId());
        Require.present("clientId", command.clientId());
        Require.present("clinicId", command.clinicId());
        Require.present("sessionTypeId", command.sessionTypeId());
        Require.present("times", command.times());
        Require.present("urgency", command.urgency());
        if (command.times().days().isEmpty()) {
            throw new InvalidValueException("times", "times must name at least one day and time the client can make");
        }
        if (!BookingPolicy.seesSession(command.by(), command.clinicId(), command.clientId())) {
            throw new NotFoundException(BookingPolicy.clientOf(command.by()).isPresent()
                    ? "No client " + command.clientId() : "No clinic " + command.clinicId());
        }
        Aggregates.load(clients, command.clientId(), "client").execute(Client::ensureNotForgotten);
        Aggregates.load(clinics, command.clinicId(), "clinic").execute(Clinic::requireOpen);
        Aggregate<SessionType> type = Aggregates.load(sessionTypes, command.sessionTypeId(), "session type");
        if (command.therapistId() != null) {
            type.execute(it -> it.ensureOfferedBy(command.therapistId()));
        }
        WaitlistJoined joined = new WaitlistJoined(command.entryId(), command.clientId(), command.clinicId(),
                command.sessionTypeId(), command.therapistId(), command.times(), command.urgency(), clock.instant());
        entries.newInstance(() -> new WaitlistEntry(joined));
        return command.entryId();
    }

    @CommandHandler
    public void handle(LeaveWaitlist command) {
        Aggregate<WaitlistEntry> entry = Aggregates.load(entries, command.entryId(), "waitlist entry");
        entry.execute(it -> it.ensureVisibleTo(command.by()));
        boolean heldAnOffer = entry.invoke(WaitlistEntry::holdsAnOffer);
        Offer offer = entry.invoke(WaitlistEntry::offer);
        entry.execute(it -> it.leave(clock.instant()));
        if (heldAnOffer) {
            SessionTypeId type = entry.invoke(WaitlistEntry::sessionTypeId);
            release(offer, type);
            offerToTheNext(entry.invoke(WaitlistEntry::clinicId), offer.therapistId(), type, offer.slot().start(), null);
        }
    }

    /** Offers the time a cancelled or moved session had; nothing when nobody waits for it or it is already gone. */
    @CommandHandler
    public void handle(OfferFreedTime command) {
        SessionDetails freedBy = Aggregates.load(sessions, command.session(), "session").invoke(it -> it.details());
        Instant start = command.freed() != null ? command.freed().start() : freedBy.start();
        // the client who gave the time up is not offered it back
        offerToTheNext(freedBy.clinicId(), freedBy.therapistId(), freedBy.sessionTypeId(), start, freedBy.clientId());
    }

    /**
     * Offers new time of a therapist's (time off withdrawn, extra hours added) to those waiting at each
     * clinic it is at: to each client in order, the first start in it (on the quarter hour) that their
     * times cover and that the therapist, a room and the client are free for, held as any offer. Each
     * client gets one offer at most; the time they do not take goes on to the next as it runs out.
     * Only the next {@link #NEW_TIME_AHEAD} of it (within the booking horizon) is offered: each start
     * looked at takes its days' schedules into this unit of work, and time further out is on the
     * booking pages for anyone. A client waiting on two lists is offered one time.
     */
    @CommandHandler
    public void handle(OfferNewTime command) {
        Instant now = clock.instant();
        Instant from = command.window().start().isAfter(now) ? command.window().start() : now;
        Instant ahead = now.plus(NEW_TIME_AHEAD.compareTo(horizon) < 0 ? NEW_TIME_AHEAD : horizon);
        Instant to = command.window().end().isBefore(ahead) ? command.window().end() : ahead;
        if (!from.isBefore(to)) {
            return;
        }
        Aggregate<Therapist> therapist = Aggregates.load(therapists, command.therapist(), "therapist");
        Set<ClinicId> at = command.clinic() != null ? Set.of(command.clinic()) : therapist.invoke(Therapist::clinics);
        Set<ClientId> offered = new HashSet<>();
        for (ClinicId clinicId : at) {
            Aggregate<Clinic> clinic = Aggregates.load(clinics, clinicId, "clinic");
            ZoneId zone = clinic.invoke(Clinic::timeZone);
            for (Entry waiting : queries.waitingFor(clinicId, command.therapist())) {
                Optional<Aggregate<SessionType>> type = offeredType(waiting, command.therapist());
                if (offered.contains(waiting.clientId()) || type.isEmpty()
                        || !Aggregates.load(entries, waiting.entryId(), "waitlist entry").invoke(WaitlistEntry::waiting)) {
                    continue;
                }
                Duration duration = type.get().invoke(SessionType::duration);
                Offering offering = new Offering(command.therapist(), therapist, clinicId, clinic, type.get());
                for (Instant start = onTheQuarterHour(from); !start.plus(duration).isAfter(to); start = start.plus(QUARTER_HOUR)) {
                    TimeSlot slot = new TimeSlot(start, start.plus(duration));
                    if (waiting.times().covers(LocalDateTime.ofInstant(slot.start(), zone), LocalDateTime.ofInstant(slot.end(), zone))
                            && holdFor(waiting, offering, slot, now)) {
                        offered.add(waiting.clientId());
                        break;
                    }
                }
            }
        }
    }

    /** The first quarter hour at or after {@code time}, a part of a second counted. */
    private static Instant onTheQuarterHour(Instant time) {
        long seconds = time.getEpochSecond() + (time.getNano() > 0 ? 1 : 0);
        long quarters = -Math.floorDiv(-seconds, QUARTER_HOUR.toSeconds());
        return Instant.ofEpochSecond(quarters * QUARTER_HOUR.toSeconds());
    }

    /** The entry's type of session, if {@code therapist} offers it; a type gone meanwhile is no reason to offer nobody. */
    private Optional<Aggregate<SessionType>> offeredType(Entry waiting, TherapistId therapist) {
        try {
            Aggregate<SessionType> type = Aggregates.load(sessionTypes, waiting.sessionTypeId(), "session type");
            type.execute(it -> it.ensureOfferedBy(therapist));
            return Optional.of(type);
        } catch (RuleViolationException | NotFoundException notOffered) {
            return Optional.empty();
        }
    }

    /** Who offers new time where, and of what type of session. */
    private record Offering(TherapistId therapistId, Aggregate<Therapist> therapist, ClinicId clinicId,
                            Aggregate<Clinic> clinic, Aggregate<SessionType> type) {
    }

    /** Holds {@code slot} for {@code waiting} and offers it, if the therapist, a room and the client are all free then. */
    private boolean holdFor(Entry waiting, Offering offering, TimeSlot slot, Instant now) {
        TherapistId therapistId = offering.therapistId();
        Aggregate<Clinic> clinic = offering.clinic();
        Aggregate<SessionType> type = offering.type();
        try {
            clinic.execute(it -> it.ensureCanHost(slot));
            offering.therapist().execute(it -> it.ensureAvailable(offering.clinicId(), clinic.invoke(Clinic::timeZone), slot));
        } catch (RuleViolationException closed) {
            return false;
        }
        SessionId offerId = SessionId.random();
        TimeSlot busy = slot.withBufferAfter(type.invoke(SessionType::bufferAfter));
        // in booking's order: the therapist's day, a room's, the client's
        if (!schedules.isFree(Kind.THERAPIST, therapistId.value(), busy, offerId)) {
            return false;
        }
        Optional<RoomId> room = SessionBooking.roomsInTurn(clinic.invoke(Clinic::openRooms), therapistId).stream()
                .filter(it -> schedules.isFree(Kind.ROOM, it.value(), busy, offerId)).findFirst();
        if (room.isEmpty() || !schedules.isFree(Kind.CLIENT, waiting.clientId().value(), slot, offerId)) {
            return false;
        }
        Aggregate<WaitlistEntry> entry = Aggregates.load(entries, waiting.entryId(), "waitlist entry");
        schedules.reserve(Kind.THERAPIST, therapistId.value(), busy, offerId);
        schedules.reserve(Kind.ROOM, room.get().value(), busy, offerId);
        Instant held = now.plus(clinic.invoke(Clinic::bookingRules).offerHold());
        Instant expiresAt = held.isBefore(slot.start()) ? held : slot.start();
        WaitlistEntry.Told told = new WaitlistEntry.Told(offering.therapist().invoke(Therapist::name),
                type.invoke(SessionType::name), clinic.invoke(Clinic::timeZone).getId());
        entry.execute(it -> it.offer(offerId, therapistId, room.get(), slot, busy.end(), expiresAt, told, now));
        return true;
    }

    @CommandHandler
    public void handle(ExpireOffer command) {
        Aggregate<WaitlistEntry> entry = Aggregates.load(entries, command.entryId(), "waitlist entry");
        Offer offer = entry.invoke(WaitlistEntry::offer);
        if (entry.invoke(it -> it.expire(command.offerId(), clock.instant()))) {
            SessionTypeId type = entry.invoke(WaitlistEntry::sessionTypeId);
            release(offer, type);
            offerToTheNext(entry.invoke(WaitlistEntry::clinicId), offer.therapistId(), type, offer.slot().start(), null);
        }
    }

    /** Books the offer for its client; a second acceptance of the same offer answers the session the first booked. */
    @CommandHandler
    public SessionDetails handle(AcceptOffer command) throws Exception {
        Require.present("offerId", command.offerId());
        WaitlistEntryId entryId = queries.entryOf(command.offerId())
                .orElseThrow(() -> new NotFoundException("No offer " + command.offerId()));
        Aggregate<WaitlistEntry> entry = Aggregates.load(entries, entryId, "waitlist entry");
        entry.execute(it -> it.ensureVisibleTo(command.by()));
        if (!entry.invoke(it -> it.accept(command.offerId(), clock.instant()))) {
            return Aggregates.load(sessions, command.offerId(), "session").invoke(it -> it.details());
        }
        Offer offer = entry.invoke(WaitlistEntry::offer);
        return booking.bookOffered(new BookSession(command.offerId(), entry.invoke(WaitlistEntry::clientId),
                offer.therapistId(), entry.invoke(WaitlistEntry::clinicId), entry.invoke(WaitlistEntry::sessionTypeId),
                offer.slot().start(), command.by()), offer.roomId());
    }

    /**
     * Offers {@code therapist}'s time from {@code start} (as long as {@code type} takes) to the first client in
     * order who is free then, {@code passedOver} (may be null) aside; nothing when it has begun, nobody waits
     * for it, or it is taken meanwhile.
     */
    private void offerToTheNext(ClinicId clinicId, TherapistId therapist, SessionTypeId typeId, Instant start,
                                ClientId passedOver) {
        Instant now = clock.instant();
        if (!start.isAfter(now)) {
            return;
        }
        Aggregate<SessionType> type = Aggregates.load(sessionTypes, typeId, "session type");
        TimeSlot slot = new TimeSlot(start, start.plus(type.invoke(SessionType::duration)));
        Aggregate<Clinic> clinic = Aggregates.load(clinics, clinicId, "clinic");
        ZoneId zone = clinic.invoke(Clinic::timeZone);
        List<Entry> candidates = queries.candidates(clinicId, typeId, therapist, slot, zone).stream()
                .filter(candidate -> !candidate.clientId().equals(passedOver)).toList();
        if (candidates.isEmpty()) {
            return;
        }
        SessionId offerId = SessionId.random();
        TimeSlot busy = slot.withBufferAfter(type.invoke(SessionType::bufferAfter));
        if (!schedules.isFree(Kind.THERAPIST, therapist.value(), busy, offerId)) {
            return;
        }
        Optional<RoomId> room = SessionBooking.roomsInTurn(clinic.invoke(Clinic::openRooms), therapist).stream()
                .filter(it -> schedules.isFree(Kind.ROOM, it.value(), busy, offerId)).findFirst();
        if (room.isEmpty()) {
            return;
        }
        schedules.reserve(Kind.THERAPIST, therapist.value(), busy, offerId);
        schedules.reserve(Kind.ROOM, room.get().value(), busy, offerId);
        Instant held = now.plus(clinic.invoke(Clinic::bookingRules).offerHold());
        Instant expiresAt = held.isBefore(start) ? held : start;
        WaitlistEntry.Told told = new WaitlistEntry.Told(Aggregates.load(therapists, therapist, "therapist")
                .invoke(Therapist::name), type.invoke(SessionType::name), zone.getId());
        for (Entry candidate : candidates) {
            Aggregate<WaitlistEntry> entry = Aggregates.load(entries, candidate.entryId(), "waitlist entry");
            if (entry.invoke(WaitlistEntry::waiting)
                    && schedules.isFree(Kind.CLIENT, candidate.clientId().value(), slot, offerId)) {
                entry.execute(it -> it.offer(offerId, therapist, room.get(), slot, busy.end(), expiresAt, told, now));
                return;
            }
        }
        // everyone in line has something else then: the time is free again for anyone
        schedules.release(Kind.THERAPIST, therapist.value(), busy, offerId);
        schedules.release(Kind.ROOM, room.get().value(), busy, offerId);
    }

    private void release(Offer offer, SessionTypeId typeId) {
        Duration buffer = Aggregates.load(sessionTypes, typeId, "session type").invoke(SessionType::bufferAfter);
        TimeSlot busy = offer.slot().withBufferAfter(buffer);
        schedules.release(Kind.THERAPIST, offer.therapistId().value(), busy, offer.offerId());
        schedules.release(Kind.ROOM, offer.roomId().value(), busy, offer.offerId());
    }
}
