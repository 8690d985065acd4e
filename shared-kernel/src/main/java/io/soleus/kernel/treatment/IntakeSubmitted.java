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
 * A client answered a clinic's intake form: which form and version, in which language, and the
 * answers (a JSON object of question id to answer), sealed as clinical data.
 */
@Contract(type = "io.soleus.treatment.IntakeSubmitted", version = 1)
public record IntakeSubmitted(ClientId clientId, ClinicId clinicId, String form, int formVersion, String language,
                              @Personal String answers, Instant submittedAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.text("form", form, 100);
        Require.between("formVersion", formVersion, 1, Integer.MAX_VALUE);
        Require.language("language", language);
        Require.text("answers", answers, 64_000);
        Require.present("submittedAt", submittedAt);
    }
}
