package io.soleus.kernel.treatment;

import java.time.Duration;
import java.time.Instant;

import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.TissueResponse;

/** Trigger point therapy given: pressure on a specific knot, for how long, and how it answered. */
@Contract(type = "io.soleus.treatment.TriggerPointTreated", version = 1)
public record TriggerPointTreated(CaseId caseId, SessionId sessionId, TherapistId therapistId, BodySite site,
                                  Pressure pressure, Duration duration, TissueResponse response, Instant treatedAt) implements Checked {

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("sessionId", sessionId);
        Require.present("therapistId", therapistId);
        Require.present("site", site);
        Require.present("pressure", pressure);
        Durations.within("duration", duration, Duration.ofMinutes(30));
        Require.present("response", response);
        Require.present("treatedAt", treatedAt);
    }
}
