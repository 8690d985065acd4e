package io.soleus.treatment.outcome;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.outcome.CaseOutcomes.CaseOutcome;
import io.soleus.treatment.outcome.Reports.CaseSummary;
import io.soleus.treatment.outcome.Reports.CoursePoint;
import io.soleus.treatment.outcome.Reports.OperationsRow;
import io.soleus.treatment.outcome.Reports.ReportRow;
import io.soleus.treatment.privacy.RecordAccessLog;
import io.soleus.treatment.privacy.RecordAccessLog.Viewed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Outcomes: one case's course, a client's own timeline, and the dashboards' figures with their
 * filters ({@code clinicId}, {@code therapistId}, {@code from}, {@code to}, {@code finding},
 * {@code technique}, {@code month}, {@code meaningful}), and a live stream that says when they changed.
 */
@RestController
@Tag(name = "Outcomes")
class OutcomeController {

    private final CaseOutcomes cases;
    private final Reports reports;
    private final ReportStream stream;
    private final RecordAccessLog accessLog;

    OutcomeController(CaseOutcomes cases, Reports reports, ReportStream stream, RecordAccessLog accessLog) {
        this.cases = cases;
        this.reports = reports;
        this.stream = stream;
        this.accessLog = accessLog;
    }

    /** The filter's query parameters, each optional. */
    record Filter(UUID clinicId, UUID therapistId, LocalDate from, LocalDate to, String finding, String technique,
                  YearMonth month, Boolean meaningful) {

        ReportFilter toReportFilter() {
            return new ReportFilter(clinicId, therapistId, from, to, finding, technique, month, meaningful);
        }
    }

    @GetMapping("/cases/{caseId}")
    @Operation(summary = "A case's course: pain trajectory, findings and techniques per session, meaningful change, "
            + "plan and adherence, discharge")
    CaseOutcome caseOutcome(@PathVariable CaseId caseId) {
        Actor reader = CurrentUser.get();
        CaseOutcome outcome = cases.caseOutcome(caseId, reader);
        accessLog.opened(reader, outcome.clientId(), Viewed.CASE, outcome.caseId());
        return outcome;
    }

    @GetMapping("/clients/{clientId}/timeline")
    @Operation(summary = "A client's cases with their plans and progress")
    List<CaseOutcome> timeline(@PathVariable ClientId clientId) {
        Actor reader = CurrentUser.get();
        List<CaseOutcome> timeline = cases.timeline(clientId, reader);
        accessLog.opened(reader, clientId.value(), Viewed.TIMELINE, null);
        return timeline;
    }

    @GetMapping("/reports/outcomes")
    @Operation(summary = "Cases, mean pain change, % reaching a meaningful change, median sessions and days to it, "
            + "adherence, discharged and open; by clinic, therapist, finding, technique or month")
    List<ReportRow> outcomes(@RequestParam String by, @ParameterObject @ModelAttribute Filter filter) {
        return reports.outcomes(by, filter.toReportFilter(), CurrentUser.get());
    }

    @GetMapping("/reports/function")
    @Operation(summary = "The validated questionnaires (PSFS, LEFS) per instrument: cases, mean baseline and latest "
            + "score, mean change, % reaching its minimal important change; by clinic, therapist, finding, technique or month")
    List<Reports.FunctionRow> function(@RequestParam String by, @ParameterObject @ModelAttribute Filter filter) {
        return reports.function(by, filter.toReportFilter(), CurrentUser.get());
    }

    @GetMapping("/reports/operations")
    @Operation(summary = "Sessions attended, late cancellations and no-shows; by clinic, therapist or month")
    List<OperationsRow> operations(@RequestParam String by, @ParameterObject @ModelAttribute Filter filter) {
        return reports.operations(by, filter.toReportFilter(), CurrentUser.get());
    }

    @GetMapping("/reports/pain-course")
    @Operation(summary = "Mean pain at the first, second, … assessed session of the cases")
    List<CoursePoint> painCourse(@ParameterObject @ModelAttribute Filter filter) {
        return reports.painCourse(filter.toReportFilter(), CurrentUser.get());
    }

    @GetMapping("/reports/cases")
    @Operation(summary = "The cases behind a figure, newest first (at most 500)")
    List<CaseSummary> reportCases(@ParameterObject @ModelAttribute Filter filter) {
        return reports.cases(filter.toReportFilter(), CurrentUser.get());
    }

    @GetMapping(path = "/reports/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: 'changed' whenever the figures may have changed")
    SseEmitter live() {
        return stream.open();
    }
}
