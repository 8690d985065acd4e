package io.soleus.treatment.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.audit.AuditEntries;
import io.soleus.platform.audit.AuditEntries.AuditEntry;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.intake.ClientFiles;
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
 * progress, questionnaires and discharge, her intakes and consents at each clinic, who from the practice opened it, and every change to it. An admin's export
 * is itself a read of the clinical record, and logged as one.
 */
@RestController
@Tag(name = "Export", description = "A client's data, for the client or an admin")
class ClientExportController {

    static final int MOST_ENTRIES = 10_000;

    private final CaseOutcomes cases;
    private final ClientFiles files;
    private final RecordAccessLog accessLog;
    private final AuditEntries audit;
    private final Clock clock;

    ClientExportController(CaseOutcomes cases, ClientFiles files, RecordAccessLog accessLog, AuditEntries audit, Clock clock) {
        this.cases = cases;
        this.files = files;
        this.accessLog = accessLog;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code files}: her intake answers, red flags and consents at each clinic, in English. */
    public record TreatmentPart(Instant exportedAt, List<CaseOutcome> cases, List<ClientFiles.File> files,
                                List<RecordAccess> openedBy, List<AuditEntry> changes) {
    }

    @GetMapping("/clients/{clientId}/export")
    @Operation(summary = "Everything treatment holds of a client: cases with their course, plans, progress and "
            + "questionnaires, intakes and consents, who opened them, every change")
    TreatmentPart export(@PathVariable ClientId clientId) {
        Actor reader = CurrentUser.get();
        List<CaseOutcome> timeline = cases.timeline(clientId, reader);
        accessLog.opened(reader, clientId.value(), Viewed.EXPORT, null);
        List<ClientFiles.File> intakes = files.files(clientId, reader).stream()
                .map(file -> files.file(clientId, file.clinicId(), "en", reader)).toList();
        return new TreatmentPart(clock.instant(), timeline, intakes, accessLog.of(clientId, MOST_ENTRIES, reader),
                audit.of(clientId, MOST_ENTRIES, reader));
    }
}
