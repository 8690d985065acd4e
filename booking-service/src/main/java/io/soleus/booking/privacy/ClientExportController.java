package io.soleus.booking.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.soleus.booking.scheduling.SchedulingQueries;
import io.soleus.booking.scheduling.SchedulingQueries.ClientProfile;
import io.soleus.booking.scheduling.SchedulingQueries.ClientSessions;
import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.audit.AuditEntries;
import io.soleus.platform.audit.AuditEntries.AuditEntry;
import io.soleus.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Booking's part of a client's data export: their profile, every session booked for them (cancelled
 * and missed ones too) and every change to their record here. The web front end puts it together
 * with treatment's and notifications' parts into one document.
 */
@RestController
@Tag(name = "Export", description = "A client's data, for the client or an admin")
class ClientExportController {

    /** At most this many changes: a client's whole history, with room to spare. */
    static final int MOST_CHANGES = 10_000;

    private final SchedulingQueries queries;
    private final AuditEntries audit;
    private final Clock clock;

    ClientExportController(SchedulingQueries queries, AuditEntries audit, Clock clock) {
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    public record BookingPart(Instant exportedAt, ClientProfile profile, ClientSessions sessions, List<AuditEntry> changes) {
    }

    @GetMapping("/clients/{clientId}/export")
    @Operation(summary = "Everything booking holds of a client: profile, every session, every change to their record")
    BookingPart export(@PathVariable ClientId clientId) {
        Actor reader = CurrentUser.get();
        return new BookingPart(clock.instant(), queries.clientProfile(clientId, reader),
                queries.clientSessions(clientId, reader), audit.of(clientId, MOST_CHANGES, reader));
    }
}
