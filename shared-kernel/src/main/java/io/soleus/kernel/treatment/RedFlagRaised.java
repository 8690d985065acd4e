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
 * An intake answered a red-flag question in the way that calls for medical advice before manual
 * therapy: {@code questions} names them (question ids, comma-separated), sealed as clinical data. The
 * platform never diagnoses; it shows the answers and the flag to the clinic.
 */
@Contract(type = "io.soleus.treatment.RedFlagRaised", version = 1)
public record RedFlagRaised(ClientId clientId, ClinicId clinicId, String form, int formVersion,
                            @Personal String questions, Instant raisedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.text("form", form, 100);
        Require.between("formVersion", formVersion, 1, Integer.MAX_VALUE);
        Require.text("questions", questions, 4000);
        Require.present("raisedAt", raisedAt);
    }
}
