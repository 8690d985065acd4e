package io.soleus.booking;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;

/**
 * Who may see and do what in booking, decided on the data: booking's one place for "an admin, the
 * client or therapist themself, staff of this clinic". {@link BookingAccess} opens each endpoint to
 * roles before a request is read; these rules then decide per session, calendar, client and clinic.
 * Aggregates, handlers, controllers and queries ask here, and an ArchUnit rule keeps them from
 * reading an actor's roles themselves.
 */
public final class BookingPolicy {

    private BookingPolicy() {
    }

    /** A session, and booking, moving or cancelling one: staff of its clinic (admins are staff everywhere) and its client. */
    public static boolean seesSession(Actor actor, ClinicId clinic, ClientId client) {
        return isStaffAt(actor, clinic) || isTheClient(actor, client);
    }

    /** A clinic's day sheet, and who a therapist's sessions there are with: the clinic's staff. */
    public static boolean isStaffAt(Actor actor, ClinicId clinic) {
        return actor.worksAt(clinic.toString());
    }

    public static boolean isTheClient(Actor actor, ClientId client) {
        return actor.isClient(client.toString());
    }

    /** A therapist's whole calendar: admins and the therapist themself. */
    public static boolean ownsCalendarOf(Actor actor, TherapistId therapist) {
        return actor.is(Role.ADMIN) || actor.isTherapist(therapist.toString());
    }

    /** A therapist working at one of {@code clinics}: a colleague of a therapist there, staff of a client who visited one. */
    public static boolean worksAtOneOf(Actor actor, Collection<String> clinics) {
        return actor.is(Role.THERAPIST) && clinics.stream().anyMatch(actor::worksAt);
    }

    /** Who may ask for a client's sessions at all: the client and staff (who then see those at their clinics). */
    public static boolean mayLookUpClient(Actor actor, ClientId client) {
        return isTheClient(actor, client) || isStaff(actor);
    }

    /** Whether a client with nothing the actor sees is told as "none" (the client, admins) or as unknown (a therapist). */
    public static boolean seesAllOfClient(Actor actor, ClientId client) {
        return isTheClient(actor, client) || actor.is(Role.ADMIN);
    }

    /** How a client is reached: the client, admins, and therapists of a clinic where the client has a session. */
    public static boolean seesContactOf(Actor actor, ClientId client, Supplier<Collection<String>> clinicsVisited) {
        return seesAllOfClient(actor, client) || worksAtOneOf(actor, clinicsVisited.get());
    }

    /** Admins and therapists: staff register clients, a client registers themself. */
    public static boolean isStaff(Actor actor) {
        return actor.is(Role.ADMIN) || actor.is(Role.THERAPIST);
    }

    /** A client acting for themself (neither admin nor therapist): the client's rules (late windows) apply. */
    public static boolean actsAsClient(Actor actor) {
        return actor.isClientOnly();
    }

    /** The client a client's login acts as (its link, not its subject); none for staff, who name the client. */
    public static Optional<ClientId> clientOf(Actor actor) {
        return actor.client().map(ClientId::of);
    }
}
