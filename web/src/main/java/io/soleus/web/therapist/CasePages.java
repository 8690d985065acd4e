package io.soleus.web.therapist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.services.ReadYourWrites;
import io.soleus.web.services.ServiceRefused;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.CaseOutcome;
import io.soleus.web.services.TreatmentApi.Exercise;
import io.soleus.web.services.TreatmentApi.PlanExercise;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A case's aftercare plan, assigned or revised from the exercise library with a dose for each
 * exercise, and its discharge with the final pain and whether the client is back to their activity.
 * Both return to the session they were opened from.
 */
@Controller
@RequestMapping("/work/cases/{caseId}")
class CasePages {

    private final TreatmentApi treatment;

    CasePages(TreatmentApi treatment) {
        this.treatment = treatment;
    }

    /** One row of the plan form: a library exercise, whether it is in the plan, and its dose. */
    public record Row(Exercise exercise, boolean chosen, int sets, Integer reps, Integer holdSeconds, int times, String per,
                      int weeks) {
    }

    @GetMapping("/plan")
    String plan(@PathVariable UUID caseId, @RequestParam UUID session, Model model) {
        CaseOutcome current = treatment.caseOf(caseId);
        Map<UUID, PlanExercise> planned = new LinkedHashMap<>();
        if (current.plan() != null) {
            current.plan().exercises().forEach(exercise -> planned.put(exercise.exerciseId(), exercise));
        }
        List<Row> rows = new ArrayList<>();
        for (Exercise exercise : treatment.exercises()) {
            PlanExercise in = planned.get(exercise.exerciseId());
            rows.add(in == null ? new Row(exercise, false, 3, 12, null, 1, "DAY", 6)
                    : new Row(exercise, true, in.dose().sets(), in.dose().reps(), in.dose().holdSeconds(), in.dose().times(),
                    in.dose().per(), in.dose().weeks()));
        }
        model.addAttribute("current", current);
        model.addAttribute("rows", rows);
        model.addAttribute("appointment", session);
        model.addAttribute("key", UUID.randomUUID());
        return "therapist/plan";
    }

    @PostMapping("/plan")
    String assign(@PathVariable UUID caseId, @RequestParam UUID session, @RequestParam Map<String, String> form,
                  @RequestParam(required = false) List<UUID> chosen, @RequestParam UUID key, Model model,
                  RedirectAttributes next) {
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (UUID exercise : chosen == null ? List.<UUID>of() : chosen) {
            String prefix = exercise + ".";
            Map<String, Object> dose = new LinkedHashMap<>();
            dose.put("sets", number(form.get(prefix + "sets")));
            boolean hold = "hold".equals(form.get(prefix + "kind"));
            dose.put(hold ? "holdSeconds" : "reps", number(form.get(prefix + "amount")));
            dose.put("times", number(form.get(prefix + "times")));
            dose.put("per", "WEEK".equals(form.get(prefix + "per")) ? "WEEK" : "DAY");
            dose.put("weeks", number(form.get(prefix + "weeks")));
            exercises.add(Map.of("exerciseId", exercise, "dose", dose));
        }
        int revision = revision(caseId);
        try {
            treatment.assignPlan(caseId, exercises, key.toString());
            ReadYourWrites.await(() -> revision(caseId) > revision);
        } catch (ServiceRefused refused) {
            if (refused.status() != 400 && refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("planErrors", refused.errors().isEmpty()
                    ? List.of(new ServiceRefused.FieldError("exercises", refused.getMessage())) : refused.errors());
            return "redirect:/work/cases/" + caseId + "/plan?session=" + session;
        }
        next.addFlashAttribute("done", "plan");
        return "redirect:/work/sessions/" + session + "#plan";
    }

    @GetMapping("/discharge")
    String discharging(@PathVariable UUID caseId, @RequestParam UUID session, Model model) {
        model.addAttribute("current", treatment.caseOf(caseId));
        model.addAttribute("appointment", session);
        model.addAttribute("key", UUID.randomUUID());
        return "therapist/discharge";
    }

    @PostMapping("/discharge")
    String discharge(@PathVariable UUID caseId, @RequestParam UUID session, @RequestParam(required = false) Integer finalPain,
                     @RequestParam(defaultValue = "false") boolean backToActivity, @RequestParam String reason,
                     @RequestParam UUID key, RedirectAttributes next) {
        try {
            if (finalPain == null) {
                throw new ServiceRefused(400, "finalPain", null, List.of(new ServiceRefused.FieldError("finalPain", "is required")));
            }
            treatment.discharge(caseId, finalPain, backToActivity, reason, key.toString());
            ReadYourWrites.await(() -> !treatment.caseOf(caseId).open());
        } catch (ServiceRefused refused) {
            if (refused.status() != 400 && refused.status() != 409) {
                throw refused;
            }
            next.addFlashAttribute("dischargeErrors", refused.errors());
            return "redirect:/work/cases/" + caseId + "/discharge?session=" + session;
        }
        next.addFlashAttribute("done", "discharge");
        return "redirect:/work/sessions/" + session;
    }

    private int revision(UUID caseId) {
        CaseOutcome current = treatment.caseOf(caseId);
        return current.plan() == null ? 0 : current.plan().revision();
    }

    /** A number the form sent, or 0 (which the service refuses, naming the field) when it sent none. */
    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
