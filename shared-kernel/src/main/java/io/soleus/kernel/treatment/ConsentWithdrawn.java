package io.soleus.kernel.treatment;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.kernel.value.ConsentVia;

/** A client withdrew a consent at a clinic: from then on, what needed it is refused there. */
@Contract(type = "io.soleus.treatment.ConsentWithdrawn", version = 1)
public record ConsentWithdrawn(ClientId clientId, ClinicId clinicId, ConsentKind kind, ConsentVia via,
                               Instant withdrawnAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("kind", kind);
        Require.present("via", via);
        Require.present("withdrawnAt", withdrawnAt);
    }
}
