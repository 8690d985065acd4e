package io.soleus.kernel.treatment;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;

/**
 * The clinic's staff recorded that the red flag of a client's latest intake was cleared, for
 * instance by a doctor who saw her: who recorded it ({@code clearedBy}, the id records name a person
 * by) and their note (sealed, clinical data). A new intake with a red flag raises it again.
 */
@Contract(type = "io.soleus.treatment.RedFlagCleared", version = 1)
public record RedFlagCleared(ClientId clientId, ClinicId clinicId, String clearedBy, @Personal String note,
                             Instant clearedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.text("clearedBy", clearedBy, 200);
        Require.text("note", note, 2000);
        Require.present("clearedAt", clearedAt);
    }
}
