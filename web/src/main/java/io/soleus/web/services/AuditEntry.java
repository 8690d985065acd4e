package io.soleus.web.services;

import java.time.Instant;
import java.util.List;

/** One change to a client's record as a service's audit trail lists it; no actor where the service acted on its own. */
public record AuditEntry(Instant at, String service, String change, String recordId, String actor, List<String> actorRoles) {
}
