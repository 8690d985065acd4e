package io.soleus.treatment.intake;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.intake.IntakeCommands.ClearRedFlag;
import io.soleus.treatment.intake.IntakeCommands.GiveConsent;
import io.soleus.treatment.intake.IntakeCommands.IntakeReceived;
import io.soleus.treatment.intake.IntakeCommands.SubmitIntake;
import io.soleus.treatment.intake.IntakeCommands.WithdrawConsent;
import io.soleus.treatment.privacy.RecordAccessLog;
import io.soleus.treatment.privacy.RecordAccessLog.Viewed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Intake and consent: a clinic's current intake form, a client's answers to it (with the consents
 * they tick), consent recorded or withdrawn at the desk or in the app, a client's file at a clinic,
 * and a clinic's screening of the clients on a day sheet. Changes honour an {@code Idempotency-Key}.
 */
@RestController
@Tag(name = "Intake and consent")
class IntakeController {

    private final Commands commands;
    private final QuestionnaireSettings settings;
    private final ClientFiles files;
    private final RecordAccessLog accessLog;

    IntakeController(Commands commands, QuestionnaireSettings settings, ClientFiles files, RecordAccessLog accessLog) {
        this.commands = commands;
        this.settings = settings;
        this.files = files;
        this.accessLog = accessLog;
    }

    /** {@code consents} is kept sorted, so a repeat under the same key is the same request on any instance. */
    record IntakeRequest(@Pattern(regexp = "[a-z]{2,3}") String language,
                         @NotNull @Size(max = 100) Map<String, String> answers,
                         TreeSet<@NotNull ConsentKind> consents) {
    }

    record ConsentRequest(@NotEmpty TreeSet<@NotNull ConsentKind> kinds) {
    }

    /** What an intake told; {@code advice} in the intake's language when a red flag was raised (which ones: the file says). */
    record IntakeAnswer(boolean redFlag, String advice) {
    }

    @GetMapping("/clinics/{clinicId}/intake-form")
    @Operation(summary = "The intake form a clinic's clients answer now: questions, red-flag questions and consent texts in every language")
    IntakeForm form(@PathVariable ClinicId clinicId) {
        return settings.intakeForm(clinicId);
    }

    @PostMapping("/clients/{clientId}/intake/{clinicId}")
    @Operation(summary = "Submit a client's answers to the clinic's current intake form, with the consents ticked in it")
    ResponseEntity<IntakeAnswer> submit(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                                        @Valid @RequestBody IntakeRequest request, IdempotencyKey key) {
        Outcome<IntakeReceived> received = commands.sendOnce(key, List.of(clientId, clinicId, request),
                new SubmitIntake(clientId, clinicId, request.language(), request.answers(), request.consents(),
                        CurrentUser.get()), IntakeReceived.class);
        boolean flagged = received.result().redFlag();
        String language = request.language() == null ? "en" : request.language();
        String advice = flagged ? settings.intakeForm(clinicId).advice().in(language) : null;
        return received.answer(HttpStatus.CREATED).location(URI.create("/clients/" + clientId + "/intake/" + clinicId))
                .body(new IntakeAnswer(flagged, advice));
    }

    @GetMapping("/clients/{clientId}/intake/{clinicId}")
    @Operation(summary = "A client's file at a clinic: the latest intake's answers and red flags, and each consent")
    ClientFiles.File file(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                          @RequestParam(defaultValue = "en") @Pattern(regexp = "[a-z]{2,3}") String language) {
        Actor reader = CurrentUser.get();
        ClientFiles.File file = files.file(clientId, clinicId, language, reader);
        accessLog.opened(reader, clientId.value(), Viewed.INTAKE, null);
        return file;
    }

    @GetMapping("/clients/{clientId}/intake")
    @Operation(summary = "A client's files at the clinics the caller sees, without the answers")
    List<ClientFiles.File> files(@PathVariable ClientId clientId) {
        return files.files(clientId, CurrentUser.get());
    }

    @PostMapping("/clients/{clientId}/consents/{clinicId}")
    @Operation(summary = "Record consent: by the client in the app, or by staff at the desk")
    ResponseEntity<Void> give(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                              @Valid @RequestBody ConsentRequest request, IdempotencyKey key) {
        return commands.sendOnce(key, List.of(clientId, clinicId, request), new GiveConsent(clientId, clinicId,
                request.kinds(), CurrentUser.get()), Void.class).answer(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/clients/{clientId}/consents/{clinicId}/withdrawal")
    @Operation(summary = "Withdraw consent; treatment records at the clinic are refused from then on")
    ResponseEntity<Void> withdraw(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                                  @Valid @RequestBody ConsentRequest request, IdempotencyKey key) {
        return commands.sendOnce(key, List.of(clientId, clinicId, request, "withdrawal"), new WithdrawConsent(clientId,
                clinicId, request.kinds(), CurrentUser.get()), Void.class).answer(HttpStatus.NO_CONTENT).build();
    }

    record ClearanceRequest(@NotBlank @Size(max = 2000) String note) {
    }

    @PostMapping("/clients/{clientId}/intake/{clinicId}/red-flag-clearance")
    @Operation(summary = "The clinic's staff record that the red flag of the client's latest intake is cleared, with their note")
    ResponseEntity<Void> clearRedFlag(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                                      @Valid @RequestBody ClearanceRequest request, IdempotencyKey key) {
        return commands.sendOnce(key, List.of(clientId, clinicId, request, "clearance"), new ClearRedFlag(clientId, clinicId,
                request.note(), CurrentUser.get()), Void.class).answer(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/clinics/{clinicId}/screening")
    @Operation(summary = "How clients stand at a clinic, for a day sheet: intake submitted, red flag, consent")
    List<ClientFiles.Screening> screening(@PathVariable ClinicId clinicId,
                                          @RequestParam("clientId") @Size(max = 500) Set<ClientId> clients) {
        return List.copyOf(files.screening(clinicId, clients, CurrentUser.get()).values());
    }
}
