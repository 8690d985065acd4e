package io.soleus.web.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.soleus.web.services.QuestionnaireApi;
import io.soleus.web.services.QuestionnaireApi.Activity;
import io.soleus.web.services.QuestionnaireApi.Instrument;
import io.soleus.web.services.ServiceRefused;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * An outcome questionnaire's page as a client fills it in, for her case or with her intake: the
 * PSFS's rows of activities or the LEFS's items read from the form as sent, what she typed kept for
 * a page shown again, and the service's errors put on the fields they are about.
 *
 * @param items  the LEFS's ratings by item, or null for the PSFS
 * @param activities  the PSFS's activities named or rated, or null for the LEFS
 * @param given  every field as sent, to show again
 * @param rowOf  the page's row of each activity sent, so an error about the service's n-th is shown on its row
 */
record QuestionnaireForm(Map<String, Integer> items, List<Activity> activities, Map<String, String> given,
                         List<Integer> rowOf) {

    /** The PSFS names at most this many activities. */
    static final int ACTIVITY_ROWS = 5;

    private static final Pattern ACTIVITY_FIELD = Pattern.compile("activities\\[(\\d+)]\\.(name|rating)");

    static QuestionnaireForm read(Instrument asked, MultiValueMap<String, String> fields) {
        Map<String, String> given = new LinkedHashMap<>();
        List<Integer> rowOf = new ArrayList<>();
        if (asked.patientSpecific()) {
            List<Activity> activities = new ArrayList<>();
            for (int i = 0; i < ACTIVITY_ROWS; i++) {
                String name = fields.getFirst("name." + i);
                String rating = fields.getFirst("rating." + i);
                given.put("name." + i, name == null ? "" : name);
                given.put("rating." + i, rating == null ? "" : rating);
                if (name != null && !name.isBlank() || rating != null && !rating.isBlank()) {
                    activities.add(new Activity(name, number(rating)));
                    rowOf.add(i);
                }
            }
            return new QuestionnaireForm(null, activities, given, rowOf);
        }
        Map<String, Integer> items = new LinkedHashMap<>();
        for (QuestionnaireApi.Item item : asked.items()) {
            String rating = fields.getFirst("item." + item.id());
            given.put("item." + item.id(), rating == null ? "" : rating);
            if (rating != null && !rating.isBlank()) {
                items.put(item.id(), number(rating));
            }
        }
        return new QuestionnaireForm(items, null, given, rowOf);
    }

    /** The service's refusal as errors by the page's fields; thrown on when it names none. */
    Map<String, String> errors(ServiceRefused refused) {
        if (refused.errors().isEmpty()) {
            throw refused;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        refused.errors().forEach(error -> errors.put(field(error.field()), error.message()));
        return errors;
    }

    /**
     * The page for {@code asked}, one of {@code left} still to answer, sent to {@code action}; a PSFS
     * lists {@code activities} (those she rated before) unless {@code given} says otherwise.
     */
    static String page(Model model, Instrument asked, int left, String action, Locale locale, Map<String, String> given,
                       List<String> activities, Map<String, String> errors) {
        model.addAttribute("lang", IntakePages.language(locale));
        model.addAttribute("asked", asked);
        model.addAttribute("left", left);
        model.addAttribute("action", action);
        model.addAttribute("given", given);
        model.addAttribute("activities", activities);
        model.addAttribute("rows", IntStream.range(0, ACTIVITY_ROWS).boxed().toList());
        model.addAttribute("errors", errors);
        return "client/questionnaire";
    }

    /**
     * The page's field of a service's: {@code items.hopping} is {@code item.hopping}, {@code activities[1].name}
     * the name field of the page's row that was sent second.
     */
    private String field(String service) {
        if (service.startsWith("items.")) {
            return "item." + service.substring("items.".length());
        }
        Matcher row = ACTIVITY_FIELD.matcher(service);
        if (!row.matches()) {
            return service;
        }
        int sent = Integer.parseInt(row.group(1));
        return row.group(2) + "." + (sent < rowOf.size() ? rowOf.get(sent) : sent);
    }

    private static Integer number(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
