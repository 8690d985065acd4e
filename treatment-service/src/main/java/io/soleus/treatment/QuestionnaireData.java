package io.soleus.treatment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Questionnaires kept as data: every JSON file under a classpath pattern, read strictly (an unknown field is an error). */
public final class QuestionnaireData {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private QuestionnaireData() {
    }

    public static <T> List<T> load(String location, Class<T> type) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location);
            return Arrays.stream(resources).map(resource -> {
                try (InputStream in = resource.getInputStream()) {
                    return JSON.readValue(in, type);
                } catch (IOException e) {
                    throw new UncheckedIOException("Unreadable questionnaire " + resource, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
