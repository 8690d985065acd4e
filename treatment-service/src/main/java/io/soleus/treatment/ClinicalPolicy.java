package io.soleus.treatment;

import java.util.Optional;
import java.util.Set;

import io.soleus.kernel.Actor;
import io.soleus.kernel.Actor.Role;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;

/**
 * Who may see and change which clinical record, decided on the record: treatment's one place for
 * "an admin, the client themself, staff of this clinic". {@link TreatmentAccess} opens each endpoint
 * to roles before a request is read; these rules then decide per case, session, timeline and report.
 * Aggregates, handlers and queries ask here, and an ArchUnit rule keeps them from reading an actor's
 * roles themselves.
 */
public final class ClinicalPolicy {

    private ClinicalPolicy() {
    }

    /** A case: staff of its clinic (admins are staff everywhere) and its client. */
    public static boolean seesCase(Actor actor, ClinicId clinic, ClientId client) {
        return isStaffAt(actor, clinic) || isTheClient(actor, client);
    }

    /** Opening a case at a clinic, and changing one of its cases: the clinic's staff. */
    public static boolean isStaffAt(Actor actor, ClinicId clinic) {
        return actor.worksAt(clinic.toString());
    }

    /** The client acting for themself. */
    public static boolean isTheClient(Actor actor, ClientId client) {
        return actor.isClient(client.toString());
    }

    /** Who may ask for a client's cases at all: the client, admins and therapists (who then see those of their clinics). */
    public static boolean mayLookForCasesOf(Actor actor, ClientId client) {
        return isTheClient(actor, client) || actor.is(Role.ADMIN) || actor.is(Role.THERAPIST);
    }

    /** Whether a client with no case the actor sees is told as "none" (the client, admins) or as unknown (a therapist). */
    public static boolean seesAllCasesOf(Actor actor, ClientId client) {
        return isTheClient(actor, client) || actor.is(Role.ADMIN);
    }

    /** A session's record: its own therapist, or an admin. */
    public static boolean recordsSessionOf(Actor actor, TherapistId sessionTherapist) {
        return actor.is(Role.ADMIN) || actor.isTherapist(sessionTherapist.toString());
    }

    /**
     * The therapist acting, when a therapist (not an admin) acts: records are theirs. An admin records
     * in the name of the case's therapist, or names one when opening a case.
     */
    public static Optional<TherapistId> therapist(Actor actor) {
        return actor.is(Role.ADMIN) ? Optional.empty() : actor.therapist().map(TherapistId::of);
    }

    /** The clinics whose figures a report may include: empty for every clinic (admins), else a therapist's own. */
    public static Optional<Set<String>> reportClinics(Actor actor) {
        return actor.is(Role.ADMIN) ? Optional.empty() : Optional.of(actor.clinics());
    }

    /** Setting up a clinic's questionnaires: admins. */
    public static boolean setsUpClinics(Actor actor) {
        return actor.is(Role.ADMIN);
    }

    /** Which admin changed or read a record is told to admins; a client sees that an admin did. */
    public static boolean namesAdmins(Actor viewer) {
        return viewer.is(Role.ADMIN);
    }

    /** Staff reading a client's record is logged; the client reading their own is not. */
    public static boolean readIsLogged(Actor actor, ClientId client) {
        return !isTheClient(actor, client);
    }
}
