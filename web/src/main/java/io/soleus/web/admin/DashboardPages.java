package io.soleus.web.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.soleus.web.common.Times;
import io.soleus.web.services.Services;
import io.soleus.web.services.StreamRelay;
import io.soleus.web.services.TreatmentApi.ReportRow;
import io.soleus.web.therapist.Vocabulary;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The admins' outcome dashboard: filters kept in the URL, charts that drill down to their cases,
 * a CSV of what is shown, and figures that change as events arrive (the treatment service's live
 * stream, relayed same-origin, tells the page to fetch its figures again).
 */
@Controller
@RequestMapping("/admin")
class DashboardPages {

    private final Dashboard dashboard;
    private final Vocabulary vocabulary;
    private final StreamRelay relay;
    private final Services services;
    private final Times times;

    DashboardPages(Dashboard dashboard, Vocabulary vocabulary, StreamRelay relay, Services services, Times times) {
        this.dashboard = dashboard;
        this.vocabulary = vocabulary;
        this.relay = relay;
        this.services = services;
        this.times = times;
    }

    @GetMapping
    String dashboard(@ModelAttribute Filter filter, Locale locale, Model model) {
        Dashboard.View view = dashboard.view(filter, locale);
        model.addAttribute("view", view);
        model.addAttribute("figures", dashboard.figures(view, locale));
        model.addAttribute("findings", vocabulary.findings());
        model.addAttribute("filter", filter);
        return "admin/dashboard";
    }

    @GetMapping(path = "/dashboard/data", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> data(@ModelAttribute Filter filter, Locale locale) {
        return dashboard.live(dashboard.view(filter, locale), locale);
    }

    @GetMapping(path = "/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return relay.relay("treatment", services.addresses().treatment(), "/reports/stream",
                event -> "changed".equals(event.name()) ? Optional.of(SseEmitter.event().name("changed").data("changed"))
                        : Optional.empty());
    }

    /** What the dashboard shows, as CSV: one row per group of each outcome table, then the operations by month. */
    @GetMapping(path = "/dashboard.csv", produces = "text/csv")
    void csv(@ModelAttribute Filter filter, Locale locale, HttpServletResponse response) throws IOException {
        Dashboard.View view = dashboard.view(filter, locale);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"soleus-outcomes-" + times.today() + ".csv\"");
        PrintWriter out = response.getWriter();
        out.println("table,group,cases,open,discharged,mean_pain_change,meaningful_change_percent,"
                + "median_sessions_to_change,median_days_to_change,adherence_percent");
        row(out, "all", "all", view.total());
        view.outcomes().forEach((by, rows) -> rows.forEach(row -> row(out, "by " + by, view.name(by, row.key()), row)));
        out.println();
        out.println("table,month,sessions,attended,no_shows,late_cancellations");
        view.operationsByMonth().forEach(row -> out.println(String.join(",", "operations by month", csv(row.key()),
                String.valueOf(row.sessions()), String.valueOf(row.attended()), String.valueOf(row.noShows()),
                String.valueOf(row.lateCancellations()))));
        out.flush();
    }

    private static void row(PrintWriter out, String table, String group, ReportRow row) {
        out.println(String.join(",", csv(table), csv(group), String.valueOf(row.cases()), String.valueOf(row.open()),
                String.valueOf(row.discharged()), value(row.meanPainChange()), value(row.meaningfulChangePercent()),
                value(row.medianSessionsToMeaningfulChange()), value(row.medianDaysToMeaningfulChange()),
                value(row.adherencePercent())));
    }

    /**
     * A cell: quoted when it holds a comma, a quote or a line break; a leading =, +, -, @, tab or
     * carriage return is defused, so a spreadsheet never runs a name as a formula.
     */
    static String csv(String value) {
        String safe = value == null ? "" : value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String value(Double value) {
        return value == null ? "" : value.toString();
    }

}
