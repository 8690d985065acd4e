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

/** The questionnaires a client answered with her intake became the baseline of the case opened for her. */
@Contract(type = "io.soleus.treatment.IntakeQuestionnairesAdopted", version = 1)
public record IntakeQuestionnairesAdopted(ClientId clientId, ClinicId clinicId, CaseId caseId, List<String> instruments,
                                          Instant adoptedAt) implements Checked, AboutClient {

    public IntakeQuestionnairesAdopted {
        instruments = instruments == null ? null : Collections.unmodifiableList(new ArrayList<>(instruments));
    }

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("caseId", caseId);
        Require.size("instruments", instruments, 1, 10).forEach(instrument -> Require.text("instruments", instrument, 40));
        Require.present("adoptedAt", adoptedAt);
    }
}
