package io.soleus.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.soleus.bench.Report.Figure;
import org.springframework.web.util.HtmlUtils;

/**
 * A benchmark's figures as one self-contained HTML page (no scripts, nothing fetched): per measure a
 * bar chart, Soleus beside its baseline for every scenario and level, and the table under it.
 */
final class Chart {

    private static final int BAR = 18;
    private static final int GAP = 14;
    private static final int HEIGHT = 220;
    private static final int LEFT = 60;
    /** Room under the bars, and right of the last, for the slanted labels ("four clinics 128 callers"). */
    private static final int LABELS = 110;

    private Chart() {
    }

    static String page(String title, String baselineName, String machine, List<Figure> figures, Map<String, String> notes) {
        Map<String, List<Figure>> byMeasure = new LinkedHashMap<>();
        figures.forEach(figure -> byMeasure.computeIfAbsent(figure.measure() + " (" + figure.unit() + ")",
                measure -> new ArrayList<>()).add(figure));
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733;max-width:70rem}
                svg{max-width:100%%;height:auto}
                table{display:block;max-width:100%%;overflow-x:auto;border-collapse:collapse;margin:1rem 0 2rem}td,th{padding:.25rem .6rem;border-bottom:1px solid #d5dbe1;text-align:right}
                th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
                .soleus{fill:#2f6f8f}.baseline{fill:#b9c4cc}text{font-size:11px;fill:#1d2733}
                .key span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
                </style></head><body>
                <h1>%s</h1><p>%s</p>
                <p class="key"><span style="background:#2f6f8f"></span>Soleus<span style="background:#b9c4cc"></span>baseline: %s</p>
                """.formatted(escape(title), escape(title), escape(machine), escape(baselineName)));
        byMeasure.forEach((measure, rows) -> {
            html.append("<h2>").append(escape(measure)).append("</h2>\n").append(bars(measure, rows));
            html.append("<table><tr><th>scenario</th><th>level</th><th>Soleus</th><th>baseline</th><th>ratio</th></tr>\n");
            for (Figure row : rows) {
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>%n",
                        escape(row.scenario()), escape(row.level()), row.value(), row.baseline(), row.ratio()));
            }
            html.append("</table>\n");
        });
        if (!notes.isEmpty()) {
            html.append("<h2>Notes</h2><dl>\n");
            notes.forEach((key, text) -> html.append("<dt>").append(escape(key)).append("</dt><dd>").append(escape(text))
                    .append("</dd>\n"));
            html.append("</dl>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String bars(String measure, List<Figure> rows) {
        double max = rows.stream().mapToDouble(row -> Math.max(row.value(), row.baseline())).max().orElse(1);
        int width = LEFT + rows.size() * (2 * BAR + GAP) + LABELS;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                escape(measure), width, HEIGHT + LABELS, width, HEIGHT + LABELS));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\">%s</text>%n", Report.format(max)));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">0</text>%n", HEIGHT + 10));
        int x = LEFT;
        for (Figure row : rows) {
            svg.append(bar(x, row.value(), max, "soleus"));
            svg.append(bar(x + BAR, row.baseline(), max, "baseline"));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" transform=\"rotate(30 %d %d)\">%s %s</text>%n", x, HEIGHT + 22, x, HEIGHT + 22,
                    escape(row.scenario()), escape(row.level())));
            x += 2 * BAR + GAP;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String bar(int x, double value, double max, String kind) {
        int height = max <= 0 ? 0 : (int) Math.round(value / max * (HEIGHT - 20));
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s</title></rect>%n",
                kind, x, HEIGHT - height, BAR - 2, height, Report.format(value));
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
