package io.soleus.kernel.treatment;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.PainScore;

/** The episode of care ended: final pain, whether the client is back to the activity, and why it ended. */
@Contract(type = "io.soleus.treatment.CaseDischarged", version = 1)
public record CaseDischarged(CaseId caseId, ClientId clientId, ClinicId clinicId, TherapistId therapistId,
                             PainScore finalPain, boolean backToActivity, @Personal String reason, Instant dischargedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("therapistId", therapistId);
        Require.present("finalPain", finalPain);
        Require.text("reason", reason, 500);
        Require.present("dischargedAt", dischargedAt);
    }
}
