package io.soleus.treatment.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.audit.AuditEntries;
import io.soleus.platform.audit.AuditEntries.AuditEntry;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.outcome.CaseOutcomes;
import io.soleus.treatment.outcome.CaseOutcomes.CaseOutcome;
import io.soleus.treatment.privacy.RecordAccessLog.RecordAccess;
import io.soleus.treatment.privacy.RecordAccessLog.Viewed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Treatment's part of a client's data export: every case with its assessments, techniques, plan,
 * progress and discharge, who from the practice opened it, and every change to it. An admin's export
 * is itself a read of the clinical record, and logged as one.
 */
@RestController
@Tag(name = "Export", description = "A client's data, for the client or an admin")
class ClientExportController {

    static final int MOST_ENTRIES = 10_000;

    private final CaseOutcomes cases;
    private final RecordAccessLog accessLog;
    private final AuditEntries audit;
    private final Clock clock;

    ClientExportController(CaseOutcomes cases, RecordAccessLog accessLog, AuditEntries audit, Clock clock) {
        this.cases = cases;
        this.accessLog = accessLog;
        this.audit = audit;
        this.clock = clock;
    }

    public record TreatmentPart(Instant exportedAt, List<CaseOutcome> cases, List<RecordAccess> openedBy,
                                List<AuditEntry> changes) {
    }

    @GetMapping("/clients/{clientId}/export")
    @Operation(summary = "Everything treatment holds of a client: cases with their course, plans and progress, who opened "
            + "them, every change")
    TreatmentPart export(@PathVariable ClientId clientId) {
        Actor reader = CurrentUser.get();
        List<CaseOutcome> timeline = cases.timeline(clientId, reader);
        accessLog.opened(reader, clientId.value(), Viewed.EXPORT, null);
        return new TreatmentPart(clock.instant(), timeline, accessLog.of(clientId, MOST_ENTRIES, reader),
                audit.of(clientId, MOST_ENTRIES, reader));
    }
}
