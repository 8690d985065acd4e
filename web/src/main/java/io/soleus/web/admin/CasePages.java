package io.soleus.web.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.client.PainChart;
import io.soleus.web.common.Times;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.CaseSummary;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The cases behind a dashboard figure (the same filter, narrowed by the bar that was chosen), as a
 * table and as CSV, and one case's timeline: its pain chart and each session's findings and
 * techniques, its plan and how it was kept, its discharge.
 */
@Controller("adminCasePages")
@RequestMapping("/admin/cases")
class CasePages {

    private final TreatmentApi treatment;
    private final BookingApi booking;
    private final Times times;

    CasePages(TreatmentApi treatment, BookingApi booking, Times times) {
        this.treatment = treatment;
        this.booking = booking;
        this.times = times;
    }

    @GetMapping
    String cases(@ModelAttribute Filter filter, Model model) {
        model.addAttribute("filter", filter);
        model.addAttribute("cases", treatment.cases(filter.parameters()));
        model.addAttribute("names", names());
        return "admin/cases";
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    void csv(@ModelAttribute Filter filter, HttpServletResponse response) throws IOException {
        Map<UUID, String> names = names();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"soleus-cases-" + times.today() + ".csv\"");
        PrintWriter out = response.getWriter();
        out.println("case,client,clinic,therapist,finding,side,opened,baseline_pain,latest_pain,sessions_assessed,"
                + "meaningful_change,sessions_to_change,adherence_percent,discharged");
        for (CaseSummary c : treatment.cases(filter.parameters())) {
            out.println(String.join(",", c.caseId().toString(), DashboardPages.csv(c.clientName()),
                    DashboardPages.csv(names.get(c.clinicId())), DashboardPages.csv(names.get(c.therapistId())),
                    DashboardPages.csv(c.finding()), DashboardPages.csv(c.side()), String.valueOf(c.openedAt()), value(c.baselinePain()),
                    value(c.latestPain()), String.valueOf(c.sessionsAssessed()), String.valueOf(c.meaningfulChange()),
                    value(c.sessionsToMeaningfulChange()), value(c.adherencePercent()), value(c.dischargedAt())));
        }
        out.flush();
    }

    @GetMapping("/{caseId}")
    String timeline(@PathVariable UUID caseId, Model model) {
        TreatmentApi.CaseOutcome current = treatment.caseOf(caseId);
        model.addAttribute("current", current);
        model.addAttribute("chart", PainChart.of(current));
        model.addAttribute("names", names());
        return "admin/case";
    }

    private Map<UUID, String> names() {
        Names names = Names.of(booking);
        Map<UUID, String> all = new LinkedHashMap<>(names.clinics());
        all.putAll(names.therapists());
        return all;
    }

    private static String value(Object value) {
        return value == null ? "" : value.toString();
    }

}
