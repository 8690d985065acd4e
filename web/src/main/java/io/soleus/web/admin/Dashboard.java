package io.soleus.web.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.soleus.web.common.Charts;
import io.soleus.web.common.Times;
import io.soleus.web.services.BookingApi;
import io.soleus.web.services.Parallel;
import io.soleus.web.services.Services;
import io.soleus.web.services.BookingApi.Utilisation;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.CoursePoint;
import io.soleus.web.services.TreatmentApi.OperationsRow;
import io.soleus.web.services.TreatmentApi.ReportRow;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The outcome dashboard for one {@link Filter}: the headline figures and every chart's ECharts
 * option, each bar linking to the cases behind it. Read fresh from the services on every call; the
 * page draws it, and its live stream asks for it again whenever the figures changed.
 */
@Component
public class Dashboard {

    private final TreatmentApi treatment;
    private final BookingApi booking;
    private final Services services;
    private final Parallel parallel;
    private final MessageSource messages;
    private final Times times;

    Dashboard(TreatmentApi treatment, BookingApi booking, Services services, Parallel parallel, MessageSource messages,
              Times times) {
        this.treatment = treatment;
        this.booking = booking;
        this.services = services;
        this.parallel = parallel;
        this.messages = messages;
        this.times = times;
    }

    /** A row of the validated questionnaires' table: its group as read ("Clinic: Kingston"), the instrument's name and its figures. */
    public record FunctionLine(String group, String instrument, TreatmentApi.FunctionRow row) {
    }

    /** Everything the page shows: names for the filters, the figures, the charts and the tables behind them. */
    public record View(Filter filter, Map<UUID, String> clinics, Map<UUID, String> therapists, ReportRow total,
                       OperationsRow operations, Map<String, List<ReportRow>> outcomes, List<CoursePoint> course,
                       List<OperationsRow> operationsByMonth, Utilisation utilisation, List<FunctionLine> function,
                       Map<String, Object> charts) {


        public String name(String by, String key) {
            return switch (by) {
                case "clinic" -> clinics.getOrDefault(UUID.fromString(key), key);
                case "therapist" -> therapists.getOrDefault(UUID.fromString(key), key);
                default -> key;
            };
        }
    }

    /** How the validated questionnaires' figures are grouped on the page. */
    static final List<String> FUNCTION_GROUPS = List.of("clinic", "therapist", "finding", "technique");

    public View view(Filter filter, Locale locale) {
        // a dozen reads, all at once with the person's token: the page waits for the slowest, not for the sum
        String token = services.accessToken();
        BookingApi booking = this.booking.withToken(token);
        TreatmentApi treatment = this.treatment.withToken(token);
        Map<String, String> parameters = filter.parameters();
        LocalDate to = filter.to() != null ? filter.to() : times.today();
        LocalDate from = filter.from() != null ? filter.from() : to.minusWeeks(12);
        CompletableFuture<List<BookingApi.Clinic>> clinicList = parallel.call(booking::clinics);
        CompletableFuture<List<BookingApi.Therapist>> therapistList = parallel.call(booking::therapists);
        Map<String, CompletableFuture<List<ReportRow>>> grouped = new LinkedHashMap<>();
        for (String by : List.of("all", "clinic", "therapist", "finding", "technique", "month")) {
            grouped.put(by, parallel.call(() -> treatment.outcomes(by, parameters)));
        }
        Map<String, CompletableFuture<List<TreatmentApi.FunctionRow>>> functionBy = new LinkedHashMap<>();
        for (String by : FUNCTION_GROUPS) {
            functionBy.put(by, parallel.call(() -> treatment.function(by, parameters)));
        }
        CompletableFuture<List<OperationsRow>> allOperations = parallel.call(() -> treatment.operations("all", parameters));
        CompletableFuture<List<OperationsRow>> monthly = parallel.call(() -> treatment.operations("month", parameters));
        CompletableFuture<List<CoursePoint>> painCourse = parallel.call(() -> treatment.painCourse(parameters));
        CompletableFuture<Utilisation> utilised = parallel.call(() -> booking.utilisation(from, to));

        Names names = Names.of(Parallel.join(clinicList), Parallel.join(therapistList));
        Map<UUID, String> clinics = names.clinics();
        Map<UUID, String> therapists = names.therapists();
        Map<String, List<ReportRow>> outcomes = new LinkedHashMap<>();
        grouped.forEach((by, rows) -> {
            if (!by.equals("all")) {
                outcomes.put(by, Parallel.join(rows));
            }
        });
        List<ReportRow> all = Parallel.join(grouped.get("all"));
        ReportRow total = all.isEmpty() ? new ReportRow("all", 0, null, null, null, null, null, 0, 0) : all.get(0);
        List<OperationsRow> operationsAll = Parallel.join(allOperations);
        OperationsRow operations = operationsAll.isEmpty() ? new OperationsRow("all", 0, 0, 0, 0) : operationsAll.get(0);
        List<CoursePoint> course = Parallel.join(painCourse);
        List<OperationsRow> byMonth = Parallel.join(monthly);
        Utilisation utilisation = Parallel.join(utilised);
        List<FunctionLine> function = new java.util.ArrayList<>();
        functionBy.forEach((by, rows) -> Parallel.join(rows).forEach(row -> function.add(new FunctionLine(
                text("admin.group." + by, locale) + ": " + groupName(by, row.key(), clinics, therapists, locale),
                text("instrument." + row.instrument(), locale), row))));

        View partial = new View(filter, clinics, therapists, total, operations, outcomes, course, byMonth, utilisation,
                function, Map.of());
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("course", courseChart(course, locale));
        for (String by : List.of("clinic", "therapist", "finding", "technique")) {
            charts.put("meaningful-by-" + by, meaningfulChart(partial, by, locale));
        }
        charts.put("months", monthsChart(partial, locale));
        charts.put("time-to-change", timeToChangeChart(partial, locale));
        charts.put("adherence", adherenceChart(partial, locale));
        charts.put("operations", operationsChart(byMonth, locale));
        charts.put("utilisation", utilisationChart(utilisation, clinics, locale));
        return new View(filter, clinics, therapists, total, operations, outcomes, course, byMonth, utilisation, function,
                charts);
    }

    /** The figures and charts as the live dashboard receives them: what changes when events arrive. */
    public Map<String, Object> live(View view, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("figures", figures(view, locale));
        data.put("charts", view.charts());
        return data;
    }

    /** The headline figures, by name, as the page prints them. */
    public Map<String, String> figures(View view, Locale locale) {
        Map<String, String> figures = new LinkedHashMap<>();
        ReportRow total = view.total();
        figures.put("cases", String.valueOf(total.cases()));
        figures.put("open", String.valueOf(total.open()));
        figures.put("meaningful", percent(total.meaningfulChangePercent()));
        figures.put("median-sessions", number(total.medianSessionsToMeaningfulChange()));
        figures.put("median-days", number(total.medianDaysToMeaningfulChange()));
        figures.put("pain-change", number(total.meanPainChange()));
        figures.put("adherence", percent(total.adherencePercent()));
        OperationsRow operations = view.operations();
        figures.put("sessions", String.valueOf(operations.sessions()));
        figures.put("attended", String.valueOf(operations.attended()));
        figures.put("no-shows", String.valueOf(operations.noShows()));
        figures.put("late-cancellations", String.valueOf(operations.lateCancellations()));
        return figures;
    }

    private Map<String, Object> courseChart(List<CoursePoint> course, Locale locale) {
        Map<String, Object> option = Charts.base();
        List<String> sessions = course.stream().map(point -> String.valueOf(point.session())).toList();
        option.put("xAxis", Map.of("type", "category", "data", sessions, "name", text("admin.chart.session", locale),
                "nameLocation", "middle", "nameGap", 28));
        Map<String, Object> series = Charts.series(text("admin.chart.meanPain", locale), "line",
                course.stream().map(CoursePoint::meanPain).toList());
        series.put("symbolSize", 9);
        Map<String, Object> cases = Charts.series(text("admin.chart.cases", locale), "bar",
                course.stream().map(CoursePoint::cases).toList());
        cases.put("yAxisIndex", 1);
        cases.put("barWidth", "30%");
        cases.put("itemStyle", Map.of("opacity", 0.35));
        option.put("yAxis", List.of(Charts.valueAxis(text("chart.pain", locale), 0, 10),
                Charts.valueAxis(text("admin.chart.cases", locale), 0, null)));
        option.put("legend", Charts.legend(List.of(text("admin.chart.meanPain", locale), text("admin.chart.cases", locale))));
        option.put("series", List.of(series, cases));
        return option;
    }

    private Map<String, Object> meaningfulChart(View view, String by, Locale locale) {
        List<ReportRow> rows = view.outcomes().get(by);
        Function<ReportRow, String> name = row -> by.equals("technique") ? text("technique." + row.key(), locale)
                : by.equals("finding") ? text("finding." + row.key(), row.key(), locale) : view.name(by, row.key());
        String parameter = switch (by) {
            case "clinic" -> "clinicId";
            case "therapist" -> "therapistId";
            default -> by;
        };
        return percentBars(rows.stream().map(name).toList(), text("admin.chart.meaningfulPercent", locale),
                rows.stream().map(row -> bar(row.meaningfulChangePercent(), view.filter().drill(parameter, row.key()),
                        row.cases())).toList(), locale);
    }

    private Map<String, Object> monthsChart(View view, Locale locale) {
        List<ReportRow> rows = view.outcomes().get("month");
        Map<String, Object> option = percentBars(rows.stream().map(ReportRow::key).toList(),
                text("admin.chart.meaningfulPercent", locale), rows.stream()
                        .map(row -> bar(row.meaningfulChangePercent(), view.filter().drill("month", row.key()), row.cases())).toList(),
                locale);
        Map<String, Object> cases = Charts.series(text("admin.chart.cases", locale), "line",
                rows.stream().map(ReportRow::cases).toList());
        cases.put("yAxisIndex", 1);
        option.put("yAxis", List.of(Charts.valueAxis("%", 0, 100), Charts.valueAxis(text("admin.chart.cases", locale), 0, null)));
        option.put("legend", Charts.legend(List.of(text("admin.chart.meaningfulPercent", locale), text("admin.chart.cases", locale))));
        option.put("series", List.of(((List<?>) option.get("series")).get(0), cases));
        return option;
    }

    private Map<String, Object> timeToChangeChart(View view, Locale locale) {
        List<ReportRow> rows = view.outcomes().get("therapist");
        Map<String, Object> option = Charts.base();
        option.put("legend", Charts.legend(List.of(text("admin.chart.medianSessions", locale), text("admin.chart.medianDays", locale))));
        option.put("xAxis", Charts.categoryAxis(rows.stream().map(row -> view.name("therapist", row.key())).toList()));
        option.put("yAxis", List.of(Charts.valueAxis(text("admin.chart.sessions", locale), 0, null),
                Charts.valueAxis(text("admin.chart.days", locale), 0, null)));
        Map<String, Object> sessions = Charts.series(text("admin.chart.medianSessions", locale), "bar",
                rows.stream().map(ReportRow::medianSessionsToMeaningfulChange).toList());
        Map<String, Object> days = Charts.series(text("admin.chart.medianDays", locale), "bar",
                rows.stream().map(ReportRow::medianDaysToMeaningfulChange).toList());
        days.put("yAxisIndex", 1);
        option.put("series", List.of(sessions, days));
        return option;
    }

    private Map<String, Object> adherenceChart(View view, Locale locale) {
        List<ReportRow> rows = view.outcomes().get("therapist");
        return percentBars(rows.stream().map(row -> view.name("therapist", row.key())).toList(),
                text("admin.chart.adherence", locale), rows.stream().map(row -> bar(row.adherencePercent(),
                        view.filter().drill("therapistId", row.key()), row.cases())).toList(), locale);
    }

    private Map<String, Object> operationsChart(List<OperationsRow> rows, Locale locale) {
        Map<String, Object> option = Charts.base();
        List<String> names = List.of(text("admin.chart.attended", locale), text("admin.chart.noShows", locale),
                text("admin.chart.lateCancellations", locale));
        option.put("legend", Charts.legend(names));
        option.put("xAxis", Charts.categoryAxis(rows.stream().map(OperationsRow::key).toList()));
        option.put("yAxis", Charts.valueAxis(text("admin.chart.sessions", locale), 0, null));
        List<Map<String, Object>> series = new ArrayList<>();
        List<Function<OperationsRow, Long>> values = List.of(OperationsRow::attended, OperationsRow::noShows,
                OperationsRow::lateCancellations);
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> one = Charts.series(names.get(i), "bar", rows.stream().map(values.get(i)).toList());
            one.put("stack", "sessions");
            series.add(one);
        }
        option.put("series", series);
        return option;
    }

    private Map<String, Object> utilisationChart(Utilisation utilisation, Map<UUID, String> clinics, Locale locale) {
        List<String> categories = new ArrayList<>();
        List<Object> therapistTime = new ArrayList<>();
        List<Object> roomTime = new ArrayList<>();
        Map<UUID, List<BookingApi.Share>> rooms = utilisation.rooms().stream()
                .collect(Collectors.groupingBy(BookingApi.Share::clinicId));
        for (BookingApi.Share clinic : utilisation.clinics()) {
            categories.add(clinics.getOrDefault(clinic.id(), clinic.name()));
            therapistTime.add(clinic.percent());
            List<BookingApi.Share> own = rooms.getOrDefault(clinic.id(), List.of());
            long open = own.stream().mapToLong(BookingApi.Share::availableMinutes).sum();
            long used = own.stream().mapToLong(BookingApi.Share::bookedMinutes).sum();
            roomTime.add(open == 0 ? null : Math.round(1000.0 * used / open) / 10.0);
        }
        Map<String, Object> option = Charts.base();
        option.put("legend", Charts.legend(List.of(text("admin.chart.therapistTime", locale), text("admin.chart.roomTime", locale))));
        option.put("xAxis", Charts.categoryAxis(categories));
        option.put("yAxis", Charts.valueAxis("%", 0, null));
        option.put("series", List.of(Charts.series(text("admin.chart.therapistTime", locale), "bar", therapistTime),
                Charts.series(text("admin.chart.roomTime", locale), "bar", roomTime)));
        return option;
    }

    private Map<String, Object> percentBars(List<String> categories, String name, List<Map<String, Object>> bars, Locale locale) {
        Map<String, Object> option = Charts.base();
        option.put("xAxis", Charts.categoryAxis(categories));
        option.put("yAxis", Charts.valueAxis("%", 0, 100));
        Map<String, Object> series = Charts.series(name, "bar", bars);
        series.put("label", Map.of("show", true, "position", "top", "formatter", "{c} %"));
        series.put("cursor", "pointer");
        option.put("series", List.of(series));
        option.put("tooltip", Map.of("trigger", "item"));
        return option;
    }

    private static Map<String, Object> bar(Double value, String link, long cases) {
        Map<String, Object> bar = new LinkedHashMap<>();
        bar.put("value", value);
        bar.put("link", link);
        bar.put("cases", cases);
        return bar;
    }

    /** A group's name as people read it: a clinic's or therapist's name, a finding's or technique's words. */
    private String groupName(String by, String key, Map<UUID, String> clinics, Map<UUID, String> therapists, Locale locale) {
        return switch (by) {
            case "clinic" -> clinics.getOrDefault(UUID.fromString(key), key);
            case "therapist" -> therapists.getOrDefault(UUID.fromString(key), key);
            case "finding" -> text("finding." + key, key, locale);
            case "technique" -> text("technique." + key, key, locale);
            default -> key;
        };
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }

    private static String percent(Double value) {
        return value == null ? "–" : Math.round(value) + " %";
    }

    private static String number(Double value) {
        return value == null ? "–" : (value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value));
    }
}
