package io.soleus.treatment.outcome;

import java.util.List;

import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.outcome.OutcomeQueries.CaseOutcome;
import io.soleus.treatment.outcome.OutcomeQueries.OperationsRow;
import io.soleus.treatment.outcome.OutcomeQueries.ReportRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outcomes: one case's course, a client's own timeline and plan, and the dashboards' figures. */
@RestController
@Tag(name = "Outcomes")
@PreAuthorize("hasAnyRole('ADMIN', 'THERAPIST', 'CLIENT')")
class OutcomeController {

    private final OutcomeQueries queries;

    OutcomeController(OutcomeQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/cases/{caseId}")
    @Operation(summary = "A case's course: pain trajectory, meaningful change, techniques, plan and adherence, discharge")
    CaseOutcome caseOutcome(@PathVariable CaseId caseId) {
        return queries.caseOutcome(caseId, CurrentUser.get());
    }

    @GetMapping("/clients/{clientId}/timeline")
    @Operation(summary = "A client's cases with their plans and progress")
    List<CaseOutcome> timeline(@PathVariable ClientId clientId) {
        return queries.timeline(clientId, CurrentUser.get());
    }

    @GetMapping("/reports/outcomes")
    @PreAuthorize("hasAnyRole('ADMIN', 'THERAPIST')")
    @Operation(summary = "Cases, mean pain change, % reaching a meaningful change, median sessions to it, adherence; "
            + "by clinic, therapist, finding, technique or month")
    List<ReportRow> outcomes(@RequestParam String by) {
        return queries.outcomes(by, CurrentUser.get());
    }

    @GetMapping("/reports/operations")
    @PreAuthorize("hasAnyRole('ADMIN', 'THERAPIST')")
    @Operation(summary = "Sessions attended, late cancellations and no-shows; by clinic, therapist or month")
    List<OperationsRow> operations(@RequestParam String by) {
        return queries.operations(by, CurrentUser.get());
    }
}
