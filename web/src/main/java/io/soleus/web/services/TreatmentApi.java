package io.soleus.web.services;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The treatment service as the pages use it: cases and their course, the exercise library, the dashboards' figures. */
@Component
public class TreatmentApi {

    public record Site(String muscle, String side, String region) {
    }

    public record TriggerPoint(Site site, String severity) {
    }

    public record PainPoint(UUID sessionId, Instant recordedAt, int pain) {
    }

    public record Assessment(UUID assessmentId, UUID sessionId, Instant recordedAt, int pain, List<TriggerPoint> triggerPoints,
                             String tightness, String notes) {
    }

    public record Treatment(UUID sessionId, String technique, String muscle, String side, String region, String pressure,
                            int seconds, String response, Instant appliedAt) {

        public long minutes() {
            return Math.round(seconds / 60.0);
        }
    }

    public record MeaningfulChange(boolean reached, Instant at, Integer sessions, Integer days) {
    }

    public record Dose(int sets, Integer reps, Integer holdSeconds, int times, String per, int weeks) {
    }

    public record PlanExercise(UUID exerciseId, String name, String description, Dose dose) {
    }

    public record Plan(UUID planId, int revision, List<PlanExercise> exercises, int done, int skipped, Double adherencePercent) {
    }

    public record Discharge(Instant at, Integer finalPain, Boolean backToActivity, String reason) {
    }

    public record ProgressEntry(UUID exerciseId, LocalDate day, String outcome, Integer pain) {
    }

    public record CaseOutcome(UUID caseId, UUID clientId, String clientName, UUID clinicId, UUID therapistId, String complaint,
                              String findingCode, String finding, String side, Instant openedAt, Integer baselinePain,
                              Integer latestPain, int sessionsAssessed, List<PainPoint> painTrajectory,
                              List<Assessment> assessments, List<Treatment> treatments, MeaningfulChange meaningfulChange,
                              Map<String, Integer> techniqueSessions, Plan plan, List<ProgressEntry> progress,
                              Discharge discharge, List<Measure> measures, List<Function> function,
                              List<String> questionnairesDue) {

        public CaseOutcome {
            measures = measures == null ? List.of() : measures;
            function = function == null ? List.of() : function;
            questionnairesDue = questionnairesDue == null ? List.of() : questionnairesDue;
        }

        public boolean open() {
            return discharge == null;
        }

        public List<Treatment> treatmentsIn(UUID sessionId) {
            return treatments.stream().filter(treatment -> treatment.sessionId().equals(sessionId)).toList();
        }

        public java.util.Optional<Assessment> assessmentOf(UUID sessionId) {
            return assessments.stream().filter(assessment -> assessment.sessionId().equals(sessionId)).findFirst();
        }
    }

    /** An answer to an outcome questionnaire (PSFS, LEFS) and its score. */
    public record Measure(String instrument, String occasion, double score, Instant measuredAt, List<String> activities) {

        public Measure {
            activities = activities == null ? List.of() : activities;
        }
    }

    /** A questionnaire over the episode: baseline, latest, change, and whether the change is a meaningful one. */
    public record Function(String instrument, double baseline, double latest, double change,
                           double minimalImportantChange, boolean meaningful) {
    }

    public record FunctionRow(String key, String instrument, long cases, long followedUp, Double meanBaseline,
                              Double meanLatest, Double meanChange, Double meaningfulChangePercent) {
    }

    public record Exercise(UUID exerciseId, String name, String description) {
    }

    /** A staff member opening a client's case ({@code CASE}) or whole timeline ({@code TIMELINE}); no reader: an admin, to a client. */
    public record RecordAccess(Instant at, String reader, List<String> readerRoles, String viewed, UUID caseId) {
    }

    public record ReportRow(String key, long cases, Double meanPainChange, Double meaningfulChangePercent,
                            Double medianSessionsToMeaningfulChange, Double medianDaysToMeaningfulChange,
                            Double adherencePercent, long discharged, long open) {
    }

    public record OperationsRow(String key, long sessions, long attended, long lateCancellations, long noShows) {
    }

    public record CoursePoint(int session, double meanPain, long cases) {
    }

    public record CaseSummary(UUID caseId, UUID clientId, String clientName, UUID clinicId, UUID therapistId, String finding,
                              String side, Instant openedAt, Integer baselinePain, Integer latestPain, int sessionsAssessed,
                              boolean meaningfulChange, Integer sessionsToMeaningfulChange, Double adherencePercent,
                              Instant dischargedAt) {
    }

    private final ServiceClient treatment;

    @Autowired
    TreatmentApi(Services services) {
        this(services.treatment());
    }

    private TreatmentApi(ServiceClient treatment) {
        this.treatment = treatment;
    }

    /** The same API with {@code token} on every call: for calls made in parallel, off the request's thread. */
    public TreatmentApi withToken(String token) {
        return new TreatmentApi(treatment.withToken(token));
    }

    public CaseOutcome caseOf(UUID caseId) {
        return treatment.get(CaseOutcome.class, "/cases/{id}", caseId);
    }

    public List<CaseOutcome> timeline(UUID clientId) {
        return treatment.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/timeline", clientId);
    }

    /** Who changed the client's clinical record, newest first. */
    public List<AuditEntry> audit(UUID clientId, int limit) {
        return treatment.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/audit?limit={limit}", clientId, limit);
    }

    /** Staff who opened the client's cases or timeline, newest first. */
    public List<RecordAccess> recordAccess(UUID clientId, int limit) {
        return treatment.get(new ParameterizedTypeReference<>() { }, "/clients/{id}/record-access?limit={limit}", clientId,
                limit);
    }

    public List<Exercise> exercises() {
        return treatment.get(new ParameterizedTypeReference<>() { }, "/exercises");
    }

    public UUID openCase(UUID clientId, UUID clinicId, String complaint, String findingCode, String findingLabel, String side,
                         List<String> contributingFactors, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("clinicId", clinicId);
        body.put("complaint", complaint);
        body.put("workingFinding", Map.of("code", findingCode, "label", findingLabel));
        body.put("side", side);
        body.put("contributingFactors", contributingFactors);
        return UUID.fromString(send(HttpMethod.POST, body, idempotencyKey, "/cases").path("caseId").asText());
    }

    public void assess(UUID caseId, Map<String, Object> assessment, String idempotencyKey) {
        send(HttpMethod.POST, assessment, idempotencyKey, "/cases/{id}/assessments", caseId);
    }

    public void triggerPointTreatment(UUID caseId, Map<String, Object> treatment, String idempotencyKey) {
        send(HttpMethod.POST, treatment, idempotencyKey, "/cases/{id}/trigger-point-treatments", caseId);
    }

    public void myofascialRelease(UUID caseId, Map<String, Object> release, String idempotencyKey) {
        send(HttpMethod.POST, release, idempotencyKey, "/cases/{id}/myofascial-releases", caseId);
    }

    public void assignPlan(UUID caseId, List<Map<String, Object>> exercises, String idempotencyKey) {
        send(HttpMethod.PUT, Map.of("exercises", exercises), idempotencyKey, "/cases/{id}/plan", caseId);
    }

    public void discharge(UUID caseId, int finalPain, boolean backToActivity, String reason, String idempotencyKey) {
        send(HttpMethod.POST, Map.of("finalPain", finalPain, "backToActivity", backToActivity, "reason", reason),
                idempotencyKey, "/cases/{id}/discharge", caseId);
    }

    public void logProgress(UUID caseId, UUID exerciseId, String outcome, Integer pain, LocalDate day, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exerciseId", exerciseId);
        body.put("outcome", outcome);
        if (pain != null) {
            body.put("pain", pain);
        }
        body.put("day", day);
        send(HttpMethod.POST, body, idempotencyKey, "/cases/{id}/progress", caseId);
    }

    public List<ReportRow> outcomes(String by, Map<String, String> filter) {
        return treatment.get(new ParameterizedTypeReference<>() { }, query("/reports/outcomes", filter, by));
    }

    public List<FunctionRow> function(String by, Map<String, String> filter) {
        return treatment.get(new ParameterizedTypeReference<>() { }, query("/reports/function", filter, by));
    }

    public List<OperationsRow> operations(String by, Map<String, String> filter) {
        return treatment.get(new ParameterizedTypeReference<>() { }, query("/reports/operations", filter, by));
    }

    public List<CoursePoint> painCourse(Map<String, String> filter) {
        return treatment.get(new ParameterizedTypeReference<>() { }, query("/reports/pain-course", filter, null));
    }

    public List<CaseSummary> cases(Map<String, String> filter) {
        return treatment.get(new ParameterizedTypeReference<>() { }, query("/reports/cases", filter, null));
    }

    private JsonNode send(HttpMethod method, Object body, String idempotencyKey, String path, Object... variables) {
        return treatment.send(method, body, Map.of("Idempotency-Key", idempotencyKey), path, variables);
    }

    /** A report's path with {@code by} and the filter's parameters, each encoded. */
    private static String query(String path, Map<String, String> filter, String by) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (by != null) {
            uri.queryParam("by", by);
        }
        filter.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value);
            }
        });
        return uri.encode().build().toUriString();
    }
}
