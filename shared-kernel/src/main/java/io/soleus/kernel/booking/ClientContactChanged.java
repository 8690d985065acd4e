package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Omittable;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.value.Channel;

/** A client's contact details or preferences changed; carries the whole new state of them. */
@Contract(type = "io.soleus.booking.ClientContactChanged", version = 1)
public record ClientContactChanged(ClientId clientId, @Personal String name, @Personal String email, @Omittable @Personal String phone, Channel preferredChannel,
                                   boolean remindersConsent, String language, Instant changedAt) implements Checked, AboutClient {

    /** A client without a language is written to in English. */
    public ClientContactChanged {
        language = language == null ? "en" : language;
    }

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.text("name", name, 200);
        Require.email("email", email);
        Require.optionalPhone("phone", phone);
        Require.present("preferredChannel", preferredChannel);
        Require.language("language", language);
        Require.present("changedAt", changedAt);
    }
}
