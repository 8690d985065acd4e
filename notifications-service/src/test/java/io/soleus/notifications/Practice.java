package io.soleus.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.booking.ClinicOpened;
import io.soleus.kernel.booking.SessionBooked;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionMissed;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.booking.SeriesBooked;
import io.soleus.kernel.booking.SeriesCancelled;
import io.soleus.kernel.booking.SeriesSession;
import io.soleus.kernel.booking.SlotOffered;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.id.RoomId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.treatment.CaseDischarged;
import io.soleus.kernel.treatment.QuestionnairesRequested;
import io.soleus.kernel.treatment.CaseOpened;
import io.soleus.kernel.treatment.PlanAssigned;
import io.soleus.kernel.treatment.PrescribedExercise;
import io.soleus.kernel.value.CancelledBy;
import io.soleus.kernel.value.Channel;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.test.TopicWriter;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A clinic in London and what happens there, written to the booking and treatment topics exactly
 * as those services publish it. Each practice has its own ids, so tests sharing a service keep apart.
 */
public final class Practice {

    private static final TopicWriter BOOKING = new TopicWriter("/booking-service");
    private static final TopicWriter TREATMENT = new TopicWriter("/treatment-service");

    public final ClinicId clinic = ClinicId.random();
    public final TherapistId therapist = TherapistId.random();
    private final RoomId room = RoomId.random();
    private final Map<SessionId, SessionBooked> sessions = new HashMap<>();

    public Practice(String name) {
        BOOKING.publish("Clinic", clinic.toString(), new ClinicOpened(clinic, name, "12 River Walk, Kingston KT1 1AA",
                "Europe/London", Duration.ofHours(24)));
    }

    public ClientId client(String name, String email, String phone, Channel preferred) {
        return client(name, email, phone, preferred, "en");
    }

    public ClientId client(String name, String email, String phone, Channel preferred, String language) {
        ClientId client = ClientId.random();
        BOOKING.publish("Client", client.toString(), new ClientRegistered(client, name, email, phone, preferred, true,
                language, NotificationsServiceTest.CLOCK.instant()));
        return client;
    }

    /** Booking forgot the client, at their request. */
    public void forget(ClientId client) {
        BOOKING.publish("Client", client.toString(), new ClientForgotten(client, NotificationsServiceTest.CLOCK.instant()));
    }

    public DomainEventMessage<?> book(SessionId session, ClientId client, String type, Instant start) {
        SessionBooked booked = new SessionBooked(session, client, therapist, "Maya Lindqvist", clinic, room, SessionTypeId.random(), type,
                new TimeSlot(start, start.plus(Duration.ofMinutes(60))), "Europe/London",
                NotificationsServiceTest.CLOCK.instant());
        sessions.put(session, booked);
        return BOOKING.publish("Session", session.toString(), booked);
    }

    public DomainEventMessage<?> reschedule(SessionId session, Instant to) {
        SessionBooked booked = sessions.get(session);
        return BOOKING.publish("Session", session.toString(), new SessionRescheduled(session, booked.clientId(), therapist,
                clinic, room, booked.slot(), new TimeSlot(to, to.plus(Duration.ofMinutes(60))),
                NotificationsServiceTest.CLOCK.instant()));
    }

    public void cancel(SessionId session, CancelledBy by, boolean late, String reason) {
        SessionBooked booked = sessions.get(session);
        BOOKING.publish("Session", session.toString(), new SessionCancelled(session, booked.clientId(), therapist,
                clinic, by, reason, late, NotificationsServiceTest.CLOCK.instant()));
    }

    public void missed(SessionId session) {
        SessionBooked booked = sessions.get(session);
        BOOKING.publish("Session", session.toString(), new SessionMissed(session, booked.clientId(), therapist, clinic,
                NotificationsServiceTest.CLOCK.instant()));
    }

    /** A course of weekly sessions from {@code first}, published as booking does: each session naming it, then the course. */
    public List<SessionId> bookCourse(SeriesId series, ClientId client, String type, Instant first, int count) {
        List<SeriesSession> course = new ArrayList<>();
        SessionTypeId typeId = SessionTypeId.random();
        for (int i = 0; i < count; i++) {
            SessionId session = SessionId.random();
            Instant start = first.plus(Duration.ofDays(7L * i));
            SessionBooked booked = new SessionBooked(session, client, therapist, "Maya Lindqvist", clinic, room, typeId, type,
                    new TimeSlot(start, start.plus(Duration.ofMinutes(60))), "Europe/London",
                    NotificationsServiceTest.CLOCK.instant(), series);
            sessions.put(session, booked);
            BOOKING.publish("Session", session.toString(), booked);
            course.add(new SeriesSession(session, start));
        }
        BOOKING.publish("Series", series.toString(), new SeriesBooked(series, client, clinic, therapist, "Maya Lindqvist",
                type, "Europe/London", course, NotificationsServiceTest.CLOCK.instant()));
        return course.stream().map(SeriesSession::sessionId).toList();
    }

    /** Cancels {@code cancelled} of the course together, as booking does: each session naming the course, then the course. */
    public void cancelCourse(SeriesId series, List<SessionId> cancelled, String reason) {
        List<SeriesSession> course = new ArrayList<>();
        ClientId client = null;
        for (SessionId session : cancelled) {
            SessionBooked booked = sessions.get(session);
            client = booked.clientId();
            BOOKING.publish("Session", session.toString(), new SessionCancelled(session, client, therapist, clinic,
                    CancelledBy.CLINIC, reason, false, NotificationsServiceTest.CLOCK.instant(), series));
            course.add(new SeriesSession(session, booked.slot().start()));
        }
        BOOKING.publish("Series", series.toString(), new SeriesCancelled(series, client, clinic, course, CancelledBy.CLINIC,
                reason, NotificationsServiceTest.CLOCK.instant()));
    }

    /** A freed slot offered to the waitlisted client of {@code entry}, held until {@code heldUntil}. */
    public SessionId offer(UUID entry, ClientId client, String type, Instant start, Instant heldUntil) {
        SessionId offer = SessionId.random();
        TimeSlot slot = new TimeSlot(start, start.plus(Duration.ofMinutes(60)));
        BOOKING.publish("WaitlistEntry", entry.toString(), new SlotOffered(offer, entry, client, clinic,
                therapist, "Maya Lindqvist", room, SessionTypeId.random(), type, slot, slot.end(), "Europe/London", heldUntil,
                NotificationsServiceTest.CLOCK.instant()));
        return offer;
    }

    public CaseId openCase(ClientId client) {
        CaseId caseId = CaseId.random();
        TREATMENT.publish("Case", caseId.toString(), new CaseOpened(caseId, client, clinic, therapist,
                "Ache in the lower left calf after runs", Finding.SOLEUS_MYOFASCIAL_PAIN, Side.LEFT, null,
                NotificationsServiceTest.CLOCK.instant()));
        return caseId;
    }

    public PlanId assignPlan(CaseId caseId, ClientId client, List<PrescribedExercise> exercises) {
        PlanId plan = PlanId.random();
        TREATMENT.publish("Case", caseId.toString(), new PlanAssigned(plan, caseId, client, therapist, 1, exercises,
                NotificationsServiceTest.CLOCK.instant()));
        return plan;
    }

    public void discharge(CaseId caseId, ClientId client, int finalPain) {
        TREATMENT.publish("Case", caseId.toString(), new CaseDischarged(caseId, client, clinic, therapist,
                new PainScore(finalPain), true, "Back to running", NotificationsServiceTest.CLOCK.instant()));
    }

    /** The case asks its client to answer her outcome questionnaires again. */
    public void questionnairesRequested(CaseId caseId, ClientId client) {
        TREATMENT.publish("Case", caseId.toString(), new QuestionnairesRequested(caseId, client, clinic,
                List.of("lefs", "psfs"), NotificationsServiceTest.CLOCK.instant()));
    }

    public static TopicWriter treatment() {
        return TREATMENT;
    }

    public static TopicWriter booking() {
        return BOOKING;
    }
}
