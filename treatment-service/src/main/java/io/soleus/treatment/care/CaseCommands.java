package io.soleus.treatment.care;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.AssessmentId;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.TherapistId;
import io.soleus.kernel.treatment.ProgressOutcome;
import io.soleus.kernel.treatment.TriggerPointFinding;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.ContributingFactor;
import io.soleus.kernel.value.ExerciseDose;
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.Tightness;
import io.soleus.kernel.value.TissueResponse;

/** What therapists, admins and clients ask of a case; each names who asks, for the scope checks. */
public final class CaseCommands {

    private CaseCommands() {
    }

    public record OpenCase(CaseId caseId, ClientId clientId, ClinicId clinicId, TherapistId therapistId,
                           String complaint, Finding workingFinding, Side side, Set<ContributingFactor> contributingFactors,
                           Actor by) {
    }

    public record RecordAssessment(CaseId caseId, AssessmentId assessmentId, SessionId sessionId, PainScore pain,
                                   List<TriggerPointFinding> triggerPoints, Tightness tightness, String notes,
                                   Actor by) {
    }

    public record RecordTriggerPointTreatment(CaseId caseId, SessionId sessionId, BodySite site, Pressure pressure,
                                              Duration duration, TissueResponse response, Actor by) {
    }

    public record RecordMyofascialRelease(CaseId caseId, SessionId sessionId, BodySite region, Duration duration,
                                          TissueResponse response, Actor by) {
    }

    public record AssignPlan(CaseId caseId, List<Prescription> exercises, Actor by) {
    }

    public record Prescription(ExerciseId exerciseId, ExerciseDose dose) {
    }

    public record LogProgress(CaseId caseId, ExerciseId exerciseId, ProgressOutcome outcome, PainScore pain,
                              LocalDate day, Actor by) {
    }

    public record DischargeCase(CaseId caseId, PainScore finalPain, boolean backToActivity, String reason,
                                Actor by) {
    }
}
