package io.soleus.kernel.treatment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Omittable;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.AssessmentId;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Tightness;

/** What the therapist found in a session: pain (NPRS), trigger points, tightness and notes. */
@Contract(type = "io.soleus.treatment.AssessmentRecorded", version = 1)
public record AssessmentRecorded(AssessmentId assessmentId, CaseId caseId, SessionId sessionId, ClientId clientId,
                                 TherapistId therapistId, PainScore pain, List<TriggerPointFinding> triggerPoints,
                                 Tightness tightness, @Omittable @Personal String notes, Instant recordedAt) implements Checked, AboutClient {

    public AssessmentRecorded {
        triggerPoints = triggerPoints == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(triggerPoints));
    }

    @Override
    public void check() {
        Require.present("assessmentId", assessmentId);
        Require.present("caseId", caseId);
        Require.present("sessionId", sessionId);
        Require.present("clientId", clientId);
        Require.present("therapistId", therapistId);
        Require.present("pain", pain);
        Require.size("triggerPoints", triggerPoints, 0, 50).forEach(TriggerPointFinding::check);
        Require.present("tightness", tightness);
        Require.optionalText("notes", notes, 4000);
        Require.present("recordedAt", recordedAt);
    }
}
