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
import io.soleus.kernel.value.TissueResponse;

/** Myofascial release given: sustained gentle pressure on a region so the fascia loosens. */
@Contract(type = "io.soleus.treatment.MyofascialReleaseApplied", version = 1)
public record MyofascialReleaseApplied(CaseId caseId, SessionId sessionId, TherapistId therapistId, BodySite region,
                                       Duration duration, TissueResponse response, Instant appliedAt) implements Checked {

    @Override
    public void check() {
        Require.present("caseId", caseId);
        Require.present("sessionId", sessionId);
        Require.present("therapistId", therapistId);
        Require.present("region", region);
        Durations.within("duration", duration, Duration.ofMinutes(60));
        Require.present("response", response);
        Require.present("appliedAt", appliedAt);
    }
}
