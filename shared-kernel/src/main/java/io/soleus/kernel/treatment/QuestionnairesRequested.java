package io.soleus.kernel.treatment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;

/**
 * A case reached one of its clinic's follow-up points: its client is asked to answer these outcome
 * questionnaires again, as enough sessions were assessed since she last did.
 */
@Contract(type = "io.soleus.treatment.QuestionnairesRequested", version = 1)
public record QuestionnairesRequested(CaseId caseId, ClientId clientId, ClinicId clinicId, List<String> instruments,
                                      Instant requestedAt) implements Checked, AboutClient {

    public QuestionnairesRequested {
        instruments = instruments == null ? null : Collections.unmodifiableList(new ArrayList<>(instruments));
    }

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.size("instruments", instruments, 1, 10).forEach(instrument -> Require.text("instruments", instrument, 40));
        Require.present("requestedAt", requestedAt);
    }
}
