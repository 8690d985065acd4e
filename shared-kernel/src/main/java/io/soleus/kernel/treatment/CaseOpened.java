package io.soleus.kernel.treatment;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.Side;

/** An episode of care opened for a client's complaint, with the working finding and what contributed to it. */
@Contract(type = "io.soleus.treatment.CaseOpened", version = 1)
public record CaseOpened(CaseId caseId, ClientId clientId, ClinicId clinicId, TherapistId therapistId,
                         @Personal String complaint, Finding workingFinding, Side side,
                         Set<ContributingFactor> contributingFactors, Instant openedAt) implements Checked, AboutClient {

    public CaseOpened {
        if (contributingFactors == null) {
            contributingFactors = Set.of();
        } else if (contributingFactors.stream().noneMatch(Objects::isNull)) {
            // an EnumSet keeps the declared order, so the JSON is the same on every run
            EnumSet<ContributingFactor> factors = EnumSet.noneOf(ContributingFactor.class);
            factors.addAll(contributingFactors);
            contributingFactors = Collections.unmodifiableSet(factors);
        } // else left as given, for check() to refuse
    }

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("therapistId", therapistId);
        Require.text("complaint", complaint, 1000);
        Require.present("workingFinding", workingFinding);
        Require.present("side", side);
        Require.size("contributingFactors", contributingFactors, 0, ContributingFactor.values().length);
        Require.present("openedAt", openedAt);
    }
}
