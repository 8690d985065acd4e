package io.soleus.web.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.services.QuestionnaireApi;
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
        QuestionnaireForm form = QuestionnaireForm.read(questionnaires.instrument(instrument), fields);
        try {
            Measured measured = questionnaires.answer(caseId, instrument, form.items(), form.activities(), key.toString());
            // the answer is shown once the case no longer asks for it (a repeat of a sent form is there at once)
            ReadYourWrites.await(() -> !treatment.caseOf(caseId).questionnairesDue().contains(instrument));
            next.addFlashAttribute("measured", measured);
            return "redirect:/me/cases/" + caseId + "/questionnaires";
        } catch (ServiceRefused refused) {
            return page(treatment.caseOf(caseId), locale, model, form.given(), List.of(), form.errors(refused));
        }
    }

    private String page(CaseOutcome outcome, Locale locale, Model model, Map<String, String> given,
                        List<String> activities, Map<String, String> errors) {
        model.addAttribute("outcome", outcome);
        List<String> due = outcome.questionnairesDue();
        return QuestionnaireForm.page(model, due.isEmpty() ? null : questionnaires.instrument(due.get(0)), due.size(),
                "/me/cases/" + outcome.caseId() + "/questionnaires", locale, given, activities, errors);
    }

    /** The activities her last PSFS rated: she rates the same ones again. */
    private static List<String> previousActivities(CaseOutcome outcome) {
        return outcome.measures().stream().filter(measure -> !measure.activities().isEmpty())
                .reduce((first, second) -> second).map(TreatmentApi.Measure::activities).orElse(List.of());
    }
}
