package io.soleus.web.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.web.services.IntakeApi.Localized;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The validated outcome questionnaires in the treatment service, as the pages use them: the instruments and a case's answers. */
@Component
public class QuestionnaireApi {

    public record Level(int value, Localized text) {
    }

    public record Item(String id, Localized text) {
    }

    public record Activities(int min, int max, Localized example) {
    }

    public record Scoring(String method, int min, int max, double minimalImportantChange) {
    }

    public record Instrument(String instrument, int version, Localized name, Localized introduction, Scoring scoring,
                             List<Level> scale, List<Item> items, Activities activities) {

        public boolean patientSpecific() {
            return activities != null;
        }

        public int lowest() {
            return scale.get(0).value();
        }

        public int highest() {
            return scale.get(scale.size() - 1).value();
        }
    }

    public record Activity(String name, Integer rating) {
    }

    public record Measured(String instrument, double score, String occasion) implements java.io.Serializable {
    }

    private final ServiceClient treatment;

    QuestionnaireApi(Services services) {
        this.treatment = services.treatment();
    }

    public Instrument instrument(String name) {
        return treatment.get(Instrument.class, "/questionnaires/{instrument}", name);
    }

    /** A case's client answers {@code instrument}: item ratings by id, or her activities with their ratings. */
    public Measured answer(UUID caseId, String instrument, Map<String, Integer> items, List<Activity> activities,
                           String idempotencyKey) {
        return send(body(instrument, items, activities), idempotencyKey, "/cases/{id}/measures", caseId);
    }

    /** A client answers {@code instrument} with her intake at a clinic, before a case is opened there. */
    public Measured answerAtIntake(UUID clientId, UUID clinicId, String instrument, Map<String, Integer> items,
                                   List<Activity> activities, String idempotencyKey) {
        return send(body(instrument, items, activities), idempotencyKey, "/clients/{client}/intake/{clinic}/measures",
                clientId, clinicId);
    }

    private static Map<String, Object> body(String instrument, Map<String, Integer> items, List<Activity> activities) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        if (items != null) {
            body.put("items", items);
        }
        if (activities != null) {
            body.put("activities", activities);
        }
        return body;
    }

    private Measured send(Map<String, Object> body, String idempotencyKey, String path, Object... variables) {
        JsonNode answer = treatment.send(HttpMethod.POST, body, Map.of("Idempotency-Key", idempotencyKey), path, variables);
        return new Measured(answer.path("instrument").asText(), answer.path("score").asDouble(),
                answer.path("occasion").asText());
    }
}
