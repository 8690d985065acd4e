package io.soleus.booking.session;

import java.time.Instant;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What clients, therapists and admins ask of a session; each names who asks, for the scope checks. */
public final class SessionCommands {

    private SessionCommands() {
    }

    public record BookSession(SessionId sessionId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                              SessionTypeId sessionTypeId, Instant start, Actor by) {
    }

    public record RescheduleSession(SessionId sessionId, Instant start, Actor by) {
    }

    public record CancelSession(SessionId sessionId, String reason, Actor by) {
    }

    public record MarkAttended(@TargetAggregateIdentifier SessionId sessionId, Actor by) {
    }

    public record MarkMissed(@TargetAggregateIdentifier SessionId sessionId, Actor by) {
    }
}
