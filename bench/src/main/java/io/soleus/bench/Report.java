package io.soleus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A benchmark's figures, each beside its baseline measured in the same run and the ratio between
 * them: printed as a table, and written to {@code bench/results/<date>-<workload>.json} with a chart
 * ({@code .html}, a self-contained SVG page) beside it. Where the results go can be changed with the
 * system property {@code soleus.bench.results} (the smoke runs write to a temporary folder).
 */
final class Report {

    /** One figure: Soleus's {@code value} and the baseline's, in {@code unit}; higher is better unless {@code lowerIsBetter}. */
    record Figure(String scenario, String level, String measure, String unit, double value, double baseline,
                  boolean lowerIsBetter) {

        double ratio() {
            return baseline == 0 ? Double.NaN : value / baseline;
        }
    }

    private final String workload;
    private final String title;
    private final String baselineName;
    private final String command;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    Report(String workload, String title, String baselineName, String command) {
        this.workload = workload;
        this.title = title;
        this.baselineName = baselineName;
        this.command = command;
    }

    void add(Figure figure) {
        figures.add(figure);
    }

    /** A line said under the table and kept in the JSON: what limits a figure, how the run was set up. */
    void note(String key, String text) {
        notes.put(key, text);
    }

    /** Prints the table and writes the JSON and the chart; answers the JSON's path. */
    Path publish() {
        System.out.println();
        System.out.println(title + " (baseline: " + baselineName + ")");
        System.out.printf(Locale.ROOT, "%-16s %-12s %-24s %10s %10s %7s%n", "scenario", "level", "measure", "Soleus",
                "baseline", "ratio");
        for (Figure figure : figures) {
            System.out.printf(Locale.ROOT, "%-16s %-12s %-24s %10s %10s %7.2f%n", figure.scenario(), figure.level(),
                    figure.measure() + " " + figure.unit(), format(figure.value()), format(figure.baseline()), figure.ratio());
        }
        notes.forEach((key, text) -> System.out.println("  " + key + ": " + text));
        Path folder = Path.of(System.getProperty("soleus.bench.results", "bench/results"));
        String stem = LocalDate.now() + "-" + workload;
        Path json = folder.resolve(stem + ".json");
        try {
            Files.createDirectories(folder);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("workload", workload);
            document.put("title", title);
            document.put("date", LocalDate.now().toString());
            document.put("command", command);
            document.put("machine", machine());
            document.put("baseline", baselineName);
            document.put("figures", figures.stream().map(Report::asMap).toList());
            document.put("notes", notes);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
            Files.writeString(folder.resolve(stem + ".html"), Chart.page(title, baselineName, machineLine(), figures, notes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("results: " + json + " and " + folder.resolve(stem + ".html"));
        return json;
    }

    private static Map<String, Object> asMap(Figure figure) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scenario", figure.scenario());
        map.put("level", figure.level());
        map.put("measure", figure.measure());
        map.put("unit", figure.unit());
        map.put("soleus", round(figure.value()));
        map.put("baseline", round(figure.baseline()));
        map.put("ratio", Double.isNaN(figure.ratio()) ? 0 : Math.round(figure.ratio() * 10_000) / 10_000.0);
        map.put("lowerIsBetter", figure.lowerIsBetter());
        return map;
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", Math.round(((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static String machineLine() {
        Map<String, Object> machine = machine();
        return machine.get("cores") + " cores, " + machine.get("memoryGiB") + " GiB, " + machine.get("java") + ", "
                + machine.get("os") + "; PostgreSQL, Kafka, the service and the load generator on the one machine";
    }

    private static double round(double value) {
        return Double.isNaN(value) ? 0 : Math.round(value * 100) / 100.0;
    }

    /** A figure as the table and the chart show it: whole from 100 up, two decimals below. */
    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
