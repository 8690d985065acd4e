package io.soleus.treatment.measure;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.soleus.kernel.NotFoundException;
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

    public Optional<Instrument> version(String instrument, int version) {
        return instruments.stream().filter(it -> it.instrument().equals(instrument) && it.version() == version).findFirst();
    }
}
