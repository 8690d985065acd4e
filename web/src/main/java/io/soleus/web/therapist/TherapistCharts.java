package io.soleus.web.therapist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.soleus.web.client.ClientCharts;
import io.soleus.web.client.PainChart;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The therapist's charts and the body map's words: the case's pain trajectory (the client's chart,
 * as the therapist sees it), and the names of muscles, sides and regions for the marked points.
 */
@Component("therapistCharts")
public class TherapistCharts {

    private final ClientCharts clientCharts;
    private final MessageSource messages;
    private final Vocabulary vocabulary;

    TherapistCharts(ClientCharts clientCharts, MessageSource messages, Vocabulary vocabulary) {
        this.clientCharts = clientCharts;
        this.messages = messages;
        this.vocabulary = vocabulary;
    }

    public Map<String, Object> trajectory(PainChart chart, Locale locale) {
        return clientCharts.pain(chart, "chart.clientScores", locale);
    }

    /** The words body-map.js writes for a marked point, and its count. */
    public Map<String, Object> names(Locale locale) {
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("muscles", words("muscle.", vocabulary.muscles(), locale));
        names.put("sides", words("side.", vocabulary.sides(), locale));
        names.put("regions", words("region.", vocabulary.regions(), locale));
        names.put("count", messages.getMessage("therapist.record.pointCount", null, locale));
        return names;
    }

    private Map<String, String> words(String prefix, List<String> codes, Locale locale) {
        Map<String, String> words = new LinkedHashMap<>();
        codes.forEach(code -> words.put(code, messages.getMessage(prefix + code, null, code, locale)));
        return words;
    }
}
