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

/** A client consented at a clinic, to the consent text of {@code textVersion}, in the intake or at the desk. */
@Contract(type = "io.soleus.treatment.ConsentGiven", version = 1)
public record ConsentGiven(ClientId clientId, ClinicId clinicId, ConsentKind kind, String textVersion, ConsentVia via,
                           Instant givenAt) implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.present("kind", kind);
        Require.text("textVersion", textVersion, 100);
        Require.present("via", via);
        Require.present("givenAt", givenAt);
    }
}
