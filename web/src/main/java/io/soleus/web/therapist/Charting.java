package io.soleus.web.therapist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soleus.web.services.ServiceRefused.FieldError;

/**
 * What the charting form sends for one session, read into the requests the treatment service
 * takes: the assessment (pain, trigger points marked on the body map, tightness, notes), trigger
 * point therapy on the points ticked as treated, and myofascial release of one region. Each field
 * that cannot be right is named, so the form shows the message beside it.
 */
record Charting(Map<String, Object> assessment, List<Map<String, Object>> triggerPointTherapy,
                Map<String, Object> release, List<FieldError> errors) {

    /** One trigger point as the form sends it: parallel lists, one entry per marked point. */
    record Points(List<String> muscle, List<String> side, List<String> region, List<String> severity, List<String> treated) {
    }

    static Charting read(String sessionId, Integer pain, Points points, String tightness, String notes, String pressure,
                         Integer seconds, String tpResponse, String releaseMuscle, String releaseSide, Integer releaseMinutes,
                         String releaseResponse) {
        List<FieldError> errors = new ArrayList<>();
        if (pain == null || pain < 0 || pain > 10) {
            errors.add(new FieldError("pain", "pain.required"));
        }
        if (tightness == null || tightness.isBlank()) {
            errors.add(new FieldError("tightness", "tightness.required"));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        List<Map<String, Object>> treated = new ArrayList<>();
        int count = points.muscle() == null ? 0 : points.muscle().size();
        for (int i = 0; i < count; i++) {
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("muscle", points.muscle().get(i));
            site.put("side", at(points.side(), i));
            site.put("region", at(points.region(), i));
            found.add(Map.of("site", site, "severity", at(points.severity(), i) == null ? "MODERATE" : at(points.severity(), i)));
            if (points.treated() != null && points.treated().contains(String.valueOf(i))) {
                treated.add(site);
            }
        }
        Map<String, Object> assessment = new LinkedHashMap<>();
        assessment.put("sessionId", sessionId);
        assessment.put("pain", pain);
        assessment.put("triggerPoints", found);
        assessment.put("tightness", tightness);
        if (notes != null && !notes.isBlank()) {
            assessment.put("notes", notes.strip());
        }
        List<Map<String, Object>> therapy = new ArrayList<>();
        if (!treated.isEmpty()) {
            if (seconds == null || seconds < 5 || seconds > 1800) {
                errors.add(new FieldError("seconds", "seconds.range"));
            }
            for (Map<String, Object> site : treated) {
                therapy.add(Map.of("sessionId", sessionId, "site", site, "pressure", pressure == null ? "MODERATE" : pressure,
                        "seconds", seconds == null ? 0 : seconds, "response", tpResponse == null ? "PARTIALLY_RELEASED" : tpResponse));
            }
        }
        Map<String, Object> release = null;
        if (releaseMuscle != null && !releaseMuscle.isBlank()) {
            if (releaseMinutes == null || releaseMinutes < 1 || releaseMinutes > 120) {
                errors.add(new FieldError("releaseMinutes", "minutes.range"));
            }
            release = Map.of("sessionId", sessionId, "region", Map.of("muscle", releaseMuscle, "side",
                            releaseSide == null ? "LEFT" : releaseSide),
                    "minutes", releaseMinutes == null ? 0 : releaseMinutes,
                    "response", releaseResponse == null ? "RELEASED" : releaseResponse);
        }
        return new Charting(assessment, therapy, release, errors);
    }

    private static String at(List<String> values, int i) {
        return values == null || values.size() <= i || values.get(i).isBlank() ? null : values.get(i);
    }
}
