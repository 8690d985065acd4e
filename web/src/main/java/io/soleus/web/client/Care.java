package io.soleus.web.client;

import java.util.List;
import java.util.Optional;

import io.soleus.web.services.TreatmentApi.CaseOutcome;

/** A client's care as their pages show it: the case in progress (the newest open one with a plan), else the newest. */
public record Care(CaseOutcome current, List<CaseOutcome> all) {

    static Care of(List<CaseOutcome> timeline) {
        Optional<CaseOutcome> active = timeline.stream().filter(c -> c.open() && c.plan() != null).findFirst();
        return new Care(active.orElse(timeline.isEmpty() ? null : timeline.get(0)), timeline);
    }

    public boolean hasPlan() {
        return current != null && current.plan() != null;
    }
}
