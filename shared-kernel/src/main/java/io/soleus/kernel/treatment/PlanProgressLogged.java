package io.soleus.kernel.treatment;

import java.time.Instant;
import java.time.LocalDate;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Omittable;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.value.PainScore;

/** The client logged a planned exercise as done or skipped on a day, optionally with a pain score. */
@Contract(type = "io.soleus.treatment.PlanProgressLogged", version = 1)
public record PlanProgressLogged(PlanId planId, CaseId caseId, ClientId clientId, ExerciseId exerciseId,
                                 ProgressOutcome outcome, @Omittable PainScore pain, LocalDate day, Instant loggedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("planId", planId);
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("exerciseId", exerciseId);
        Require.present("outcome", outcome);
        Require.present("day", day);
        Require.present("loggedAt", loggedAt);
    }
}
