package io.soleus.treatment.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.NotFoundException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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
        this(load());
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

    private static List<Instrument> load() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            return Arrays.stream(resources).map(resource -> {
                try (InputStream in = resource.getInputStream()) {
                    return json.readValue(in, Instrument.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("Unreadable questionnaire " + resource, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
