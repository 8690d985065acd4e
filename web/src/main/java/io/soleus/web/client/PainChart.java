package io.soleus.web.client;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.soleus.web.services.TreatmentApi.CaseOutcome;
import io.soleus.web.services.TreatmentApi.ProgressEntry;

/**
 * A case's pain over time as a chart reads it: the clinic's assessments (NPRS, 0–10) and the
 * client's own daily scores, each a list of [date, pain] points, plus the meaningful-change line
 * (two points or 30 % below the baseline, whichever is reached first).
 */
public record PainChart(List<Object[]> assessments, List<Object[]> ownScores, Double meaningfulLine) {

    public static PainChart of(CaseOutcome outcome) {
        List<Object[]> assessed = new ArrayList<>();
        outcome.assessments().forEach(assessment -> assessed.add(new Object[] {
                assessment.recordedAt().toString().substring(0, 10), assessment.pain()}));
        Map<LocalDate, List<Integer>> byDay = new TreeMap<>();
        for (ProgressEntry entry : outcome.progress()) {
            if (entry.pain() != null) {
                byDay.computeIfAbsent(entry.day(), day -> new ArrayList<>()).add(entry.pain());
            }
        }
        List<Object[]> own = new ArrayList<>();
        byDay.forEach((day, scores) -> own.add(new Object[] {day.toString(),
                Math.round(10.0 * scores.stream().mapToInt(Integer::intValue).average().orElse(0)) / 10.0}));
        Double line = outcome.baselinePain() == null ? null
                : (double) Math.max(outcome.baselinePain() - 2, (int) Math.floor(outcome.baselinePain() * 0.7));
        return new PainChart(assessed, own, line);
    }
}
