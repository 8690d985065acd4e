package io.soleus.web.admin;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A dashboard's view, kept in its URL so it can be shared: a clinic, a therapist, a period and a
 * working finding, each optional. Drill-down links add a technique, a month or whether the case
 * reached a meaningful change.
 */
public record Filter(UUID clinicId, UUID therapistId, LocalDate from, LocalDate to, String finding, String technique,
                     String month, Boolean meaningful) {

    /** The parameters the treatment service's reports take. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "clinicId", clinicId);
        put(parameters, "therapistId", therapistId);
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "finding", finding);
        put(parameters, "technique", technique);
        put(parameters, "month", month);
        put(parameters, "meaningful", meaningful);
        return parameters;
    }

    /** This view's query string, e.g. for the CSV link and the live data. */
    public String query() {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        parameters().forEach(uri::queryParam);
        String query = uri.build().encode().toUriString();
        return query.isEmpty() ? "" : query.substring(1);
    }

    /** {@code path} with this view's query string: the same view on another page, or as CSV. */
    public String link(String path) {
        String query = query();
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** The cases behind one bar: this view narrowed by {@code name} = {@code value}. */
    public String drill(String name, String value) {
        Map<String, String> parameters = parameters();
        parameters.put(name, value);
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/cases");
        parameters.forEach(uri::queryParam);
        return uri.build().encode().toUriString();
    }

    public boolean any() {
        return !parameters().isEmpty();
    }

    private static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parameters.put(name, value.toString());
        }
    }
}
