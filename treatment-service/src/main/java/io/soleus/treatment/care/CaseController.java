package io.soleus.treatment.care;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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
import io.soleus.kernel.value.Finding;
import io.soleus.kernel.value.PainScore;
import io.soleus.kernel.value.Pressure;
import io.soleus.kernel.value.Side;
import io.soleus.kernel.value.Tightness;
import io.soleus.kernel.value.TissueResponse;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.care.CaseCommands.AssignPlan;
import io.soleus.treatment.care.CaseCommands.DischargeCase;
import io.soleus.treatment.care.CaseCommands.LogProgress;
import io.soleus.treatment.care.CaseCommands.OpenCase;
import io.soleus.treatment.care.CaseCommands.Prescription;
import io.soleus.treatment.care.CaseCommands.RecordAssessment;
import io.soleus.treatment.care.CaseCommands.RecordMyofascialRelease;
import io.soleus.treatment.care.CaseCommands.RecordTriggerPointTreatment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinical record: therapists open cases, record assessments and techniques session by
 * session, assign and revise aftercare plans and discharge; clients log their plan progress. Every
 * change honours an {@code Idempotency-Key}: a request repeated under it acts once and is answered
 * the first result again.
 */
@RestController
@RequestMapping("/cases")
@Tag(name = "Cases")
class CaseController {

    private final Commands commands;

    CaseController(Commands commands) {
        this.commands = commands;
    }

    /** {@code therapistId} is the caller for a therapist; an admin names the treating therapist. */
    record OpenCaseRequest(@NotNull ClientId clientId, @NotNull ClinicId clinicId, TherapistId therapistId,
                           @NotBlank @Size(max = 500) String complaint, @NotNull Finding workingFinding,
                           @NotNull Side side, @Size(max = 6) Set<ContributingFactor> contributingFactors) {
    }

    record AssessmentRequest(@NotNull SessionId sessionId, @NotNull PainScore pain,
                             @Size(max = 30) List<TriggerPointFinding> triggerPoints, @NotNull Tightness tightness,
                             @Size(max = 4000) String notes) {
    }

    record TriggerPointRequest(@NotNull SessionId sessionId, @NotNull BodySite site, @NotNull Pressure pressure,
                               @NotNull @Min(5) @Max(1800) Integer seconds, @NotNull TissueResponse response) {
    }

    record ReleaseRequest(@NotNull SessionId sessionId, @NotNull BodySite region,
                          @NotNull @Min(1) @Max(120) Integer minutes, @NotNull TissueResponse response) {
    }

    record PlanRequest(@NotEmpty @Size(max = 20) List<@Valid @NotNull Prescription> exercises) {
    }

    record ProgressRequest(@NotNull ExerciseId exerciseId, @NotNull ProgressOutcome outcome, PainScore pain,
                           @NotNull LocalDate day) {
    }

    record DischargeRequest(@NotNull PainScore finalPain, @NotNull Boolean backToActivity,
                            @NotBlank @Size(max = 500) String reason) {
    }

    record CaseOpened(CaseId caseId) {
    }

    record AssessmentRecorded(AssessmentId assessmentId) {
    }

    @PostMapping
    @Operation(summary = "Open a case for a client: complaint, working finding, side, contributing factors")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<CaseOpened> open(@Valid @RequestBody OpenCaseRequest request, IdempotencyKey key) {
        Outcome<CaseId> opened = commands.sendOnce(key, request, new OpenCase(CaseId.random(), request.clientId(),
                request.clinicId(), request.therapistId(), request.complaint(), request.workingFinding(), request.side(),
                request.contributingFactors(), CurrentUser.get()), CaseId.class);
        return opened.answer(HttpStatus.CREATED).location(URI.create("/cases/" + opened.result()))
                .body(new CaseOpened(opened.result()));
    }

    @PostMapping("/{caseId}/assessments")
    @Operation(summary = "Record a session's assessment: pain (NPRS), trigger points, tightness, notes")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    ResponseEntity<AssessmentRecorded> assess(@PathVariable CaseId caseId, @Valid @RequestBody AssessmentRequest request,
                                              IdempotencyKey key) {
        Outcome<AssessmentId> recorded = commands.sendOnce(key, List.of(caseId, request), new RecordAssessment(caseId,
                AssessmentId.random(), request.sessionId(), request.pain(), request.triggerPoints(), request.tightness(),
                request.notes(), CurrentUser.get()), AssessmentId.class);
        return recorded.answer(HttpStatus.CREATED).location(URI.create("/cases/" + caseId))
                .body(new AssessmentRecorded(recorded.result()));
    }

    @PostMapping("/{caseId}/trigger-point-treatments")
    @Operation(summary = "Record trigger point therapy applied in a session")
    ResponseEntity<Void> triggerPoint(@PathVariable CaseId caseId, @Valid @RequestBody TriggerPointRequest request,
                                      IdempotencyKey key) {
        return noContent(commands.sendOnce(key, List.of(caseId, request), new RecordTriggerPointTreatment(caseId,
                request.sessionId(), request.site(), request.pressure(), Duration.ofSeconds(request.seconds()),
                request.response(), CurrentUser.get()), Void.class));
    }

    @PostMapping("/{caseId}/myofascial-releases")
    @Operation(summary = "Record myofascial release applied in a session")
    ResponseEntity<Void> release(@PathVariable CaseId caseId, @Valid @RequestBody ReleaseRequest request, IdempotencyKey key) {
        return noContent(commands.sendOnce(key, List.of(caseId, request), new RecordMyofascialRelease(caseId,
                request.sessionId(), request.region(), Duration.ofMinutes(request.minutes()), request.response(),
                CurrentUser.get()), Void.class));
    }

    @PutMapping("/{caseId}/plan")
    @Operation(summary = "Assign or revise the aftercare plan: exercises from the library, each with its dose")
    ResponseEntity<Void> plan(@PathVariable CaseId caseId, @Valid @RequestBody PlanRequest request, IdempotencyKey key) {
        return noContent(commands.sendOnce(key, List.of(caseId, request),
                new AssignPlan(caseId, request.exercises(), CurrentUser.get()), Void.class));
    }

    @PostMapping("/{caseId}/progress")
    @Operation(summary = "Log an exercise of the plan as done or skipped, with an optional pain score")
    ResponseEntity<Void> progress(@PathVariable CaseId caseId, @Valid @RequestBody ProgressRequest request,
                                  IdempotencyKey key) {
        return noContent(commands.sendOnce(key, List.of(caseId, request), new LogProgress(caseId, request.exerciseId(),
                request.outcome(), request.pain(), request.day(), CurrentUser.get()), Void.class));
    }

    @PostMapping("/{caseId}/discharge")
    @Operation(summary = "Discharge a case with its outcome")
    ResponseEntity<Void> discharge(@PathVariable CaseId caseId, @Valid @RequestBody DischargeRequest request,
                                   IdempotencyKey key) {
        return noContent(commands.sendOnce(key, List.of(caseId, request), new DischargeCase(caseId, request.finalPain(),
                request.backToActivity(), request.reason(), CurrentUser.get()), Void.class));
    }

    private static ResponseEntity<Void> noContent(Outcome<Void> outcome) {
        return outcome.answer(HttpStatus.NO_CONTENT).build();
    }
}
