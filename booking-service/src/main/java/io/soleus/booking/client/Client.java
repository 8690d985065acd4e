package io.soleus.booking.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.soleus.booking.client.ClientCommands.ChangeClientContact;
import io.soleus.booking.client.ClientCommands.ChangeRemindersConsent;
import io.soleus.booking.client.ClientCommands.ForgetClient;
import io.soleus.booking.client.ClientCommands.RegisterClient;
import io.soleus.booking.client.ClientEvents.ClientSessionHeld;
import io.soleus.booking.client.ClientEvents.ClientSessionMoved;
import io.soleus.booking.client.ClientEvents.ClientSessionReleased;
import io.soleus.booking.clinic.BookingRules;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.ClientContactChanged;
import io.soleus.kernel.booking.ClientForgotten;
import io.soleus.kernel.booking.ClientRegistered;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.value.Channel;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A client of the practice. The booking service owns clients and publishes who they are and how to
 * reach them; the published contracts check every field. It also holds which of the client's
 * sessions stand (booked, not cancelled), where and when, for the clinics' online booking rules.
 */
@Aggregate(lockFactory = "readMostlyLockFactory") // see BookingAxonConfiguration
public class Client {

    @AggregateIdentifier
    private ClientId clientId;
    private boolean forgotten;
    /** How to reach the client as last told, so that one part of it can change alone. */
    private ClientContactChanged contact;
    /** Sessions booked since sessions were held here and not cancelled, attended and missed ones included. */
    private final Map<SessionId, Held> sessions = new HashMap<>();

    private record Held(ClinicId clinicId, Instant start) {
    }

    protected Client() {
    }

    @CommandHandler
    public Client(RegisterClient command, Clock clock) {
        Require.present("clientId", command.clientId());
        requirePhoneForSms(command.preferredChannel(), command.phone());
        apply(new ClientRegistered(command.clientId(), command.name(), command.email(), command.phone(),
                channel(command.preferredChannel()), command.remindersConsent(), command.language(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeClientContact command, Clock clock) {
        ensureNotForgotten();
        requirePhoneForSms(command.preferredChannel(), command.phone());
        apply(new ClientContactChanged(clientId, command.name(), command.email(), command.phone(),
                channel(command.preferredChannel()), command.remindersConsent(), command.language(), clock.instant()));
    }

    /** Only the consent to reminders changes; asking for what is already so changes nothing. */
    @CommandHandler
    void handle(ChangeRemindersConsent command, Clock clock) {
        ensureNotForgotten();
        if (contact.remindersConsent() != command.remindersConsent()) {
            apply(new ClientContactChanged(clientId, contact.name(), contact.email(), contact.phone(),
                    contact.preferredChannel(), command.remindersConsent(), contact.language(), clock.instant()));
        }
    }

    /** Forgetting twice forgets once. */
    @CommandHandler
    void handle(ForgetClient command, Clock clock) {
        if (!forgotten) {
            apply(new ClientForgotten(clientId, clock.instant()));
        }
    }

    /** A forgotten client is kept for what they did, never written to or booked again. */
    public void ensureNotForgotten() {
        if (forgotten) {
            throw new RuleViolationException("client-forgotten", "This client's personal data was forgotten at their request");
        }
    }

    /**
     * Refuses a booking the client makes themself that {@code clinic}'s rules do not allow them;
     * {@code seenBefore} when they had a session there before this aggregate held sessions.
     */
    public void ensureMayBookOnline(ClinicId clinic, BookingRules rules, Instant now, boolean seenBefore) {
        if (!rules.newClientsOnline() && !seenBefore
                && sessions.values().stream().noneMatch(held -> held.clinicId().equals(clinic))) {
            throw new RuleViolationException("new-clients-book-through-staff",
                    "This clinic books a new client's first session itself; please call the clinic");
        }
        if (rules.maxUpcomingSessions() != null) {
            long upcoming = sessions.values().stream()
                    .filter(held -> held.clinicId().equals(clinic) && held.start().isAfter(now)).count();
            if (upcoming >= rules.maxUpcomingSessions()) {
                throw new RuleViolationException("max-upcoming-sessions",
                        "At this clinic a client may book at most " + rules.maxUpcomingSessions() + " sessions ahead online");
            }
        }
    }

    public void hold(SessionId session, ClinicId clinic, Instant start) {
        apply(new ClientSessionHeld(clientId, session, clinic, start));
    }

    /** Moves a held session; one booked before sessions were held here is not counted, then or now. */
    public void move(SessionId session, Instant start) {
        if (sessions.containsKey(session)) {
            apply(new ClientSessionMoved(clientId, session, start));
        }
    }

    public void release(SessionId session) {
        if (sessions.containsKey(session)) {
            apply(new ClientSessionReleased(clientId, session));
        }
    }

    private static void requirePhoneForSms(Channel preferred, String phone) {
        if (preferred == Channel.SMS && (phone == null || phone.isBlank())) {
            throw new InvalidValueException("phone", "phone is required when SMS is the preferred channel");
        }
    }

    private static Channel channel(Channel preferred) {
        return preferred == null ? Channel.EMAIL : preferred;
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        clientId = event.clientId();
        contact = new ClientContactChanged(event.clientId(), event.name(), event.email(), event.phone(),
                event.preferredChannel(), event.remindersConsent(), event.language(), event.registeredAt());
    }

    @EventSourcingHandler
    void on(ClientContactChanged event) {
        contact = event;
    }

    @EventSourcingHandler
    void on(ClientSessionHeld event) {
        sessions.put(event.sessionId(), new Held(event.clinicId(), event.start()));
    }

    @EventSourcingHandler
    void on(ClientSessionMoved event) {
        sessions.computeIfPresent(event.sessionId(), (id, held) -> new Held(held.clinicId(), event.start()));
    }

    @EventSourcingHandler
    void on(ClientSessionReleased event) {
        sessions.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(ClientForgotten event) {
        forgotten = true;
    }
}
