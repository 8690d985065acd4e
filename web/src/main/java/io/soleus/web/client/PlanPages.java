package io.soleus.web.client;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.TreatmentApi;
import io.soleus.web.services.TreatmentApi.CaseOutcome;
import io.soleus.web.services.TreatmentApi.PlanExercise;
import io.soleus.web.services.TreatmentApi.ProgressEntry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The aftercare plan: each exercise explained with its dose, and today's log in two taps (done or
 * skipped, then the pain score, or none); the client's own pain chart from the clinic's assessments
 * and their own scores; how well they kept to the plan.
 */
@Controller
@RequestMapping("/me/plan")
class PlanPages {

    private final TreatmentApi treatment;
    private final Times times;

    PlanPages(TreatmentApi treatment, Times times) {
        this.treatment = treatment;
        this.times = times;
    }

    /** An exercise of the plan with what was logged for it today, if anything. */
    public record Today(PlanExercise exercise, Optional<ProgressEntry> logged) {
    }

    @GetMapping
    String plan(SignedIn me, Model model) {
        Care care = Care.of(treatment.timeline(me.client()));
        model.addAttribute("care", care);
        if (care.hasPlan()) {
            model.addAttribute("today", today(care.current()));
            model.addAttribute("chart", PainChart.of(care.current()));
        }
        return "client/plan";
    }

    /** The first tap: done or skipped; the row asks for the pain score next. */
    @GetMapping("/{caseId}/exercises/{exerciseId}/log")
    String askPain(@PathVariable UUID caseId, @PathVariable UUID exerciseId, @RequestParam String outcome, Model model) {
        model.addAttribute("caseId", caseId);
        model.addAttribute("exercise", exercise(caseId, exerciseId));
        model.addAttribute("outcome", "SKIPPED".equals(outcome) ? "SKIPPED" : "DONE");
        model.addAttribute("key", UUID.randomUUID());
        return "client/plan :: pain";
    }

    /** The second tap: the pain score (or none); the exercise is logged for today. */
    @PostMapping("/{caseId}/exercises/{exerciseId}/log")
    String log(@PathVariable UUID caseId, @PathVariable UUID exerciseId, @RequestParam String outcome,
               @RequestParam(required = false) Integer pain, @RequestParam UUID key, Model model) {
        LocalDate today = times.today();
        String logged = "SKIPPED".equals(outcome) ? "SKIPPED" : "DONE";
        treatment.logProgress(caseId, exerciseId, logged, pain, today, key.toString());
        model.addAttribute("caseId", caseId);
        model.addAttribute("row", new Today(exercise(caseId, exerciseId),
                Optional.of(new ProgressEntry(exerciseId, today, logged, pain))));
        return "client/plan :: exercise";
    }

    private PlanExercise exercise(UUID caseId, UUID exerciseId) {
        return treatment.caseOf(caseId).plan().exercises().stream().filter(e -> e.exerciseId().equals(exerciseId)).findFirst()
                .orElseThrow(() -> new io.soleus.web.services.ServiceRefused(404, "not in the plan", null, List.of()));
    }

    private List<Today> today(CaseOutcome current) {
        LocalDate today = times.today();
        return current.plan().exercises().stream().map(exercise -> new Today(exercise, current.progress().stream()
                .filter(entry -> entry.exerciseId().equals(exercise.exerciseId()) && entry.day().equals(today))
                .reduce((first, second) -> second))).toList();
    }
}
