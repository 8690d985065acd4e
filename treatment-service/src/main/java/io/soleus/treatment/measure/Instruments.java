package io.soleus.treatment.measure;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.treatment.QuestionnaireData;
import org.springframework.stereotype.Component;

/**
 * The validated outcome questionnaires the service knows, read once from
 * {@code questionnaires/outcome/*.json}; every version stays, so an answer is always read and
 * judged with the instrument it answered. Clients answer the newest version.
 */
@Component
public class Instruments {

    static final String LOCATION = "classpath*:questionnaires/outcome/*.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Instrument> instruments;

    public Instruments() {
        this(QuestionnaireData.load(LOCATION, Instrument.class));
    }

    Instruments(List<Instrument> instruments) {
        this.instruments = List.copyOf(instruments);
    }

    /** The names of the instruments clients answer: {@code lefs}, {@code psfs}. */
    public List<String> names() {
        return instruments.stream().map(Instrument::instrument).distinct().sorted().toList();
    }

    /** The version of an instrument clients answer now; unknown: 404. */
    public Instrument current(String instrument) {
        return instruments.stream().filter(it -> it.instrument().equals(instrument))
                .max(Comparator.comparingInt(Instrument::version))
                .orElseThrow(() -> new NotFoundException("No questionnaire " + instrument));
    }

    /** Answers judged and scored by the newest version of an instrument, and written as the events keep them. */
    public record Answered(Instrument instrument, double score, String answers) {
    }

    /**
     * Judges {@code answers} to the newest version of {@code instrument} (an unknown instrument or a
     * wrong answer is a 400 naming its field) and scores them by its rules.
     */
    public Answered answer(String instrument, Instrument.Answers answers) {
        if (!names().contains(Require.present("instrument", instrument))) {
            throw new InvalidValueException("instrument", "one of " + names());
        }
        Instrument asked = current(instrument);
        Instrument.Scored scored = asked.score(answers);
        try {
            return new Answered(asked, scored.score(), JSON.writeValueAsString(scored.answers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Instrument> version(String instrument, int version) {
        return instruments.stream().filter(it -> it.instrument().equals(instrument) && it.version() == version).findFirst();
    }
}
