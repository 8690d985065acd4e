package io.soleus.booking.sessiontype;

import java.time.Duration;
import java.util.Set;

import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What admins ask of the kinds of session the practice offers. */
public final class SessionTypeCommands {

    private SessionTypeCommands() {
    }

    public record DefineSessionType(SessionTypeId sessionTypeId, String name, Duration duration, Duration bufferAfter,
                                    Set<TherapistId> therapists) {
    }

    public record ChangeSessionTypeTherapists(@TargetAggregateIdentifier SessionTypeId sessionTypeId,
                                              Set<TherapistId> therapists) {
    }
}
