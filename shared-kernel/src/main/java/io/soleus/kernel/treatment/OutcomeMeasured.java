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
import io.soleus.kernel.value.MeasureOccasion;

/**
 * A client answered a validated outcome questionnaire (the PSFS, the LEFS): which instrument and
 * version, when in the episode, the answers (a JSON document, sealed: a PSFS names the client's own
 * activities) and the score the instrument's rules gave them, for one case.
 */
@Contract(type = "io.soleus.treatment.OutcomeMeasured", version = 1)
public record OutcomeMeasured(CaseId caseId, ClientId clientId, ClinicId clinicId, String instrument,
                              int instrumentVersion, MeasureOccasion occasion, @Personal String answers, double score,
                              Instant measuredAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.text("instrument", instrument, 40);
        Require.between("instrumentVersion", instrumentVersion, 1, Integer.MAX_VALUE);
        Require.present("occasion", occasion);
        Require.text("answers", answers, 16_000);
        Require.present("measuredAt", measuredAt);
    }
}
