package io.soleus.web.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.security.SignedIn;
import io.soleus.web.services.IntakeApi;
import io.soleus.web.services.QuestionnaireApi;
import io.soleus.web.services.QuestionnaireApi.Measured;
import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
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
 * The outcome questionnaires a client answers with her intake, before her first session: one after
 * the other on a phone, the baseline her case will start from. With none left she is back on her
 * intake page.
 */
@Controller
@RequestMapping("/me/intake/{clinicId}/questionnaires")
class IntakeQuestionnairePages {

    private final IntakeApi intake;
    private final QuestionnaireApi questionnaires;

    IntakeQuestionnairePages(IntakeApi intake, QuestionnaireApi questionnaires) {
        this.intake = intake;
        this.questionnaires = questionnaires;
    }

    @GetMapping
    String next(@PathVariable UUID clinicId, SignedIn me, Locale locale, Model model) {
        List<String> due = due(me, clinicId);
        if (due.isEmpty()) {
            return "redirect:/me/intake/" + clinicId;
        }
        return page(clinicId, due.get(0), due.size(), locale, model, Map.of(), Map.of());
    }

    @PostMapping
    String answer(@PathVariable UUID clinicId, SignedIn me, @RequestParam String instrument, @RequestParam UUID key,
                  @RequestParam MultiValueMap<String, String> fields, Locale locale, Model model, RedirectAttributes next) {
        QuestionnaireForm form = QuestionnaireForm.read(questionnaires.instrument(instrument), fields);
        try {
            Measured measured = questionnaires.answerAtIntake(me.client(), clinicId, instrument, form.items(),
                    form.activities(), key.toString());
            ReadYourWrites.await(() -> !due(me, clinicId).contains(instrument));
            next.addFlashAttribute("measured", measured);
            return due(me, clinicId).isEmpty() ? "redirect:/me/intake/" + clinicId
                    : "redirect:/me/intake/" + clinicId + "/questionnaires";
        } catch (ServiceRefused refused) {
            if (refused.errors().isEmpty()) {
                // not asked any more (her case opened meanwhile), or no consent to keep it: her intake page says what is so
                next.addFlashAttribute("questionnaireRefused", refused.rule().orElse("refused"));
                return "redirect:/me/intake/" + clinicId;
            }
            return page(clinicId, instrument, due(me, clinicId).size(), locale, model, form.given(), form.errors(refused));
        }
    }

    private List<String> due(SignedIn me, UUID clinicId) {
        return intake.file(me.client(), clinicId, "en").questionnairesDue();
    }

    private String page(UUID clinicId, String instrument, int left, Locale locale, Model model, Map<String, String> given,
                        Map<String, String> errors) {
        return QuestionnaireForm.page(model, questionnaires.instrument(instrument), Math.max(1, left),
                "/me/intake/" + clinicId + "/questionnaires", locale, given, List.of(), errors);
    }
}
