package io.soleus.kernel.treatment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.PlanId;
import io.soleus.kernel.id.TherapistId;

/** An aftercare plan assigned (revision 1) or revised (2, 3, …): the exercises and their doses. */
@Contract(type = "io.soleus.treatment.PlanAssigned", version = 1)
public record PlanAssigned(PlanId planId, CaseId caseId, ClientId clientId, TherapistId therapistId, int revision,
                           List<PrescribedExercise> exercises, Instant assignedAt) implements Checked, AboutClient {

    public PlanAssigned {
        exercises = exercises == null ? null : Collections.unmodifiableList(new ArrayList<>(exercises));
    }

    @Override
    public void check() {
        Require.present("planId", planId);
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        if (revision < 1) {
            throw new InvalidValueException("revision", "revision starts at 1");
        }
        Require.size("exercises", exercises, 1, 30).forEach(PrescribedExercise::check);
        if (exercises.stream().map(PrescribedExercise::exerciseId).distinct().count() != exercises.size()) {
            throw new InvalidValueException("exercises", "an exercise appears once in a plan");
        }
        Require.present("assignedAt", assignedAt);
    }
}
