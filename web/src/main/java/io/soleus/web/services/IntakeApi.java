package io.soleus.web.services;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Intake and consent in the treatment service, as the pages use them: forms, answers, files, a day's screening. */
@Component
public class IntakeApi {

    /** A text in several languages; English when the reader's is missing. */
    public record Localized(Map<String, String> texts) {

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public Localized {
            texts = texts == null ? Map.of() : Map.copyOf(texts);
        }

        public String in(String language) {
            return texts.getOrDefault(language, texts.get("en"));
        }
    }

    public record Option(String value, Localized text) {
    }

    public record Question(String id, String type, boolean required, boolean redFlag, Localized text, Localized unit,
                           Integer min, Integer max, Integer maxLength, List<Option> options) {
    }

    public record Section(String id, Localized title, Localized introduction, List<Question> questions) {
    }

    public record ConsentText(String kind, String version, Localized text) {
    }

    public record Form(String form, int version, Localized title, Localized introduction, List<Section> sections,
                       List<ConsentText> consents, Localized advice, Localized yes, Localized no) {
    }

    /** What an intake told: kept in the session for the page after the redirect, so serializable. */
    public record Submitted(boolean redFlag, String advice) implements java.io.Serializable {
    }

    public record Consent(String kind, String textVersion, String via, Instant givenAt, Instant withdrawnAt,
                          String withdrawnVia) {

        public boolean current() {
            return withdrawnAt == null;
        }
    }

    public record Answer(String section, String questionId, String question, String answer, boolean redFlag) {
    }

    /** Who cleared a red flag (the id records name a person by) and when; no note once the client is forgotten. */
    public record Clearance(Instant at, String by, String note) {
    }

    /** {@code redFlag}: the intake raised one; {@code clearance}: the clinic's staff cleared it since. */
    public record Intake(String form, int formVersion, String language, Instant submittedAt, boolean redFlag,
                         List<Answer> answers, String advice, Clearance clearance) {

        /** A red flag nobody has cleared: treatment waits for it. */
        public boolean openRedFlag() {
            return redFlag && clearance == null;
        }
    }

    /** A questionnaire answered with the intake; {@code caseId} once a case took it as its baseline. */
    public record IntakeMeasure(String instrument, double score, Instant answeredAt, UUID caseId) {
    }

    /** {@code questionnairesDue}: the outcome questionnaires to answer with the intake, before a case is opened. */
    public record File(UUID clientId, UUID clinicId, Intake intake, List<Consent> consents, boolean consented,
                       List<String> missingConsents, List<IntakeMeasure> questionnaires, List<String> questionnairesDue) {
    }

    public record Screening(UUID clientId, Instant intakeSubmittedAt, boolean redFlag, boolean consented) {
    }

    /** A version of an intake form an admin may choose for a clinic. */
    public record FormVersion(String form, int version, Localized title, long redFlagQuestions) {

        /** How the pages name the version in a choice: {@code form:version}. */
        public String key() {
            return form + ":" + version;
        }
    }

    /** A clinic's questionnaires; {@code setAt} empty while it is on the defaults. */
    public record QuestionnaireSettings(UUID clinicId, String intakeForm, int intakeFormVersion, int followUpEvery,
                                        Instant setAt) {

        public String intakeFormKey() {
            return intakeForm + ":" + intakeFormVersion;
        }
    }

    /** The intake form versions to choose from, the defaults, and each clinic an admin set up. */
    public record QuestionnaireOverview(List<FormVersion> intakeForms, QuestionnaireSettings defaults,
                                        List<QuestionnaireSettings> clinics) {

        /** The clinic's questionnaires, as set or by default. */
        public QuestionnaireSettings of(UUID clinic) {
            return clinics.stream().filter(settings -> settings.clinicId().equals(clinic)).findFirst().orElse(defaults);
        }
    }

    private final ServiceClient treatment;

    IntakeApi(Services services) {
        this.treatment = services.treatment();
    }

    public Form form(UUID clinicId) {
        return treatment.get(Form.class, "/clinics/{clinic}/intake-form", clinicId);
    }

    public Submitted submit(UUID clientId, UUID clinicId, String language, Map<String, String> answers,
                            Collection<String> consents, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("language", language);
        body.put("answers", answers);
        body.put("consents", consents);
        JsonNode answer = send(body, idempotencyKey, "/clients/{client}/intake/{clinic}", clientId, clinicId);
        return new Submitted(answer.path("redFlag").asBoolean(),
                answer.path("advice").isTextual() ? answer.path("advice").asText() : null);
    }

    public File file(UUID clientId, UUID clinicId, String language) {
        return treatment.get(File.class, "/clients/{client}/intake/{clinic}?language={language}", clientId, clinicId, language);
    }

    public List<File> files(UUID clientId) {
        return treatment.get(new ParameterizedTypeReference<>() { }, "/clients/{client}/intake", clientId);
    }

    public void giveConsent(UUID clientId, UUID clinicId, Collection<String> kinds, String idempotencyKey) {
        send(Map.of("kinds", kinds), idempotencyKey, "/clients/{client}/consents/{clinic}", clientId, clinicId);
    }

    public void clearRedFlag(UUID clientId, UUID clinicId, String note, String idempotencyKey) {
        send(Map.of("note", note), idempotencyKey, "/clients/{client}/intake/{clinic}/red-flag-clearance", clientId, clinicId);
    }

    public void withdrawConsent(UUID clientId, UUID clinicId, Collection<String> kinds, String idempotencyKey) {
        send(Map.of("kinds", kinds), idempotencyKey, "/clients/{client}/consents/{clinic}/withdrawal", clientId, clinicId);
    }

    public QuestionnaireOverview questionnaireSettings() {
        return treatment.get(QuestionnaireOverview.class, "/questionnaire-settings");
    }

    public void setQuestionnaireSettings(UUID clinicId, String intakeForm, Integer intakeFormVersion, Integer followUpEvery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intakeForm", intakeForm);
        body.put("intakeFormVersion", intakeFormVersion);
        body.put("followUpEvery", followUpEvery);
        treatment.put(body, "/clinics/{clinic}/questionnaire-settings", clinicId);
    }

    /** How these clients stand at the clinic, by client: one call for a day sheet's sessions there. */
    public Map<UUID, Screening> screening(UUID clinicId, Set<UUID> clients) {
        if (clients.isEmpty()) {
            return Map.of();
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/clinics/{clinic}/screening");
        clients.forEach(client -> uri.queryParam("clientId", client));
        List<Screening> rows = treatment.get(new ParameterizedTypeReference<>() { },
                uri.buildAndExpand(clinicId).encode().toUriString());
        Map<UUID, Screening> byClient = new LinkedHashMap<>();
        rows.forEach(row -> byClient.put(row.clientId(), row));
        return byClient;
    }

    private JsonNode send(Object body, String idempotencyKey, String path, Object... variables) {
        return treatment.send(HttpMethod.POST, body, Map.of("Idempotency-Key", idempotencyKey), path, variables);
    }
}
