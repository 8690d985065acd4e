package io.soleus.notifications.delivery;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.kernel.value.Channel;
import io.soleus.notifications.planning.Kind;
import io.soleus.notifications.planning.Status;

/** A notification as its delivery reads it, under the row's lock. */
record Pending(UUID id, Kind kind, Channel channel, Status status, UUID clientId, UUID clinicId, UUID sessionId,
               UUID caseId, UUID planId, Integer planRevision, JsonNode facts, Instant due, int attempts) {

    Pending on(Channel other) {
        return new Pending(id, kind, other, status, clientId, clinicId, sessionId, caseId, planId, planRevision, facts,
                due, attempts);
    }
}
