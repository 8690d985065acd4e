package io.soleus.web.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.soleus.web.common.Charts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The client's charts: their pain over the episode, as the clinic assessed it and as they scored it themselves. */
@Component("clientCharts")
public class ClientCharts {

    private final MessageSource messages;

    ClientCharts(MessageSource messages) {
        this.messages = messages;
    }

    /** The chart as the client sees it: "your own scores". */
    public Map<String, Object> pain(PainChart chart, Locale locale) {
        return pain(chart, "client.plan.ownScores", locale);
    }

    /** The chart with the client's scores named by {@code ownScoresKey}, e.g. for staff "the client's own scores". */
    public Map<String, Object> pain(PainChart chart, String ownScoresKey, Locale locale) {
        String assessed = messages.getMessage("client.plan.assessed", null, locale);
        String own = messages.getMessage(ownScoresKey, null, locale);
        Map<String, Object> option = Charts.base();
        option.put("legend", Charts.legend(List.of(assessed, own)));
        option.put("xAxis", Map.of("type", "time"));
        option.put("yAxis", Charts.valueAxis(messages.getMessage("chart.pain", null, locale), 0, 10));
        Map<String, Object> clinic = Charts.series(assessed, "line", chart.assessments());
        clinic.put("symbolSize", 10);
        if (chart.meaningfulLine() != null) {
            clinic.put("markLine", Map.of("symbol", "none", "label", Map.of("position", "insideEndTop", "formatter",
                            messages.getMessage("chart.meaningful", null, locale)),
                    "lineStyle", Map.of("type", "dashed"), "data", List.of(Map.of("yAxis", chart.meaningfulLine()))));
        }
        Map<String, Object> self = Charts.series(own, "scatter", chart.ownScores());
        self.put("symbolSize", 6);
        option.put("series", List.of(clinic, self));
        return option;
    }
}
