package io.soleus.web.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.services.QuestionnaireApi;
import io.soleus.web.services.QuestionnaireApi.Activity;
import io.soleus.web.services.QuestionnaireApi.Instrument;
import io.soleus.web.services.QuestionnaireApi.Measured;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.CaseOutcome;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's outcome questionnaires for her case, one after the other on a phone: the PSFS (her own
 * activities, named once and rated again at each follow-up) and the LEFS (twenty activities, five
 * answers each). What is due comes from the case; when nothing is, she sees how her scores moved.
 */
@Controller
@RequestMapping("/me/cases/{caseId}/questionnaires")
class QuestionnairePages {

    /** The PSFS names at most this many activities. */
    static final int ACTIVITY_ROWS = 5;

    private final TreatmentApi treatment;
    private final QuestionnaireApi questionnaires;

    QuestionnairePages(TreatmentApi treatment, QuestionnaireApi questionnaires) {
        this.treatment = treatment;
        this.questionnaires = questionnaires;
    }

    @GetMapping
    String next(@PathVariable UUID caseId, Locale locale, Model model) {
        CaseOutcome outcome = treatment.caseOf(caseId);
        return page(outcome, locale, model, Map.of(), previousActivities(outcome), Map.of());
    }

    @PostMapping
    String answer(@PathVariable UUID caseId, @RequestParam String instrument, @RequestParam UUID key,
                  @RequestParam MultiValueMap<String, String> fields, Locale locale, Model model, RedirectAttributes next) {
        Instrument asked = questionnaires.instrument(instrument);
        Map<String, Integer> items = null;
        List<Activity> activities = null;
        Map<String, String> given = new LinkedHashMap<>();
        // the page's row of each activity sent, so that an error about the service's n-th is shown on its row
        List<Integer> rowOf = new ArrayList<>();
        if (asked.patientSpecific()) {
            activities = new ArrayList<>();
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
        } else {
            items = new LinkedHashMap<>();
            for (QuestionnaireApi.Item item : asked.items()) {
                String rating = fields.getFirst("item." + item.id());
                given.put("item." + item.id(), rating == null ? "" : rating);
                if (rating != null && !rating.isBlank()) {
                    items.put(item.id(), number(rating));
                }
            }
        }
        try {
            Measured measured = questionnaires.answer(caseId, instrument, items, activities, key.toString());
            // the answer is shown once the case no longer asks for it (a repeat of a sent form is there at once)
            ReadYourWrites.await(() -> !treatment.caseOf(caseId).questionnairesDue().contains(instrument));
            next.addFlashAttribute("measured", measured);
            return "redirect:/me/cases/" + caseId + "/questionnaires";
        } catch (ServiceRefused refused) {
            if (refused.errors().isEmpty()) {
                throw refused;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            refused.errors().forEach(error -> errors.put(field(error.field(), rowOf), error.message()));
            return page(treatment.caseOf(caseId), locale, model, given, List.of(), errors);
        }
    }

    private String page(CaseOutcome outcome, Locale locale, Model model, Map<String, String> given,
                        List<String> activities, Map<String, String> errors) {
        model.addAttribute("outcome", outcome);
        model.addAttribute("lang", IntakePages.language(locale));
        model.addAttribute("asked", outcome.questionnairesDue().isEmpty() ? null
                : questionnaires.instrument(outcome.questionnairesDue().get(0)));
        model.addAttribute("left", outcome.questionnairesDue().size());
        model.addAttribute("given", given);
        model.addAttribute("activities", activities);
        model.addAttribute("rows", java.util.stream.IntStream.range(0, ACTIVITY_ROWS).boxed().toList());
        model.addAttribute("errors", errors);
        return "client/questionnaire";
    }

    /** The activities her last PSFS rated: she rates the same ones again. */
    private static List<String> previousActivities(CaseOutcome outcome) {
        return outcome.measures().stream().filter(measure -> !measure.activities().isEmpty())
                .reduce((first, second) -> second).map(TreatmentApi.Measure::activities).orElse(List.of());
    }

    /**
     * The page's field of a service's: {@code items.hopping} is {@code item.hopping}, {@code activities[1].name}
     * the name field of the page's row that was sent second.
     */
    private static String field(String service, List<Integer> rowOf) {
        if (service.startsWith("items.")) {
            return "item." + service.substring("items.".length());
        }
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("activities\\[(\\d+)]\\.(name|rating)").matcher(service);
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
