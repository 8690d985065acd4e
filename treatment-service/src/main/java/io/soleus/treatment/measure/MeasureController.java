package io.soleus.treatment.measure;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.command.Commands.Outcome;
import io.soleus.platform.command.IdempotencyKey;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.measure.MeasureCommands.Measured;
import io.soleus.treatment.measure.MeasureCommands.RecordIntakeMeasure;
import io.soleus.treatment.measure.MeasureCommands.RecordMeasure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Validated outcome questionnaires: the instruments as data (items, scale, scoring, minimal important
 * change) and a case's answers to them, or a client's with her intake, before her case is opened. An answer honours an {@code Idempotency-Key}.
 */
@RestController
@Tag(name = "Outcome questionnaires")
class MeasureController {

    private final Commands commands;
    private final Instruments instruments;

    MeasureController(Commands commands, Instruments instruments) {
        this.commands = commands;
        this.instruments = instruments;
    }

    /** Ratings of the instrument's items by id (the LEFS), or the client's own activities with their ratings (the PSFS). */
    record MeasureRequest(@NotBlank @Size(max = 40) String instrument, @Size(max = 40) Map<String, Integer> items,
                          @Size(max = 10) List<Instrument.Activity> activities) {
    }

    @GetMapping("/questionnaires/{instrument}")
    @Operation(summary = "The version of an outcome questionnaire clients answer now: items or activities, scale, scoring, minimal important change")
    Instrument questionnaire(@PathVariable String instrument) {
        return instruments.current(instrument);
    }

    @PostMapping("/cases/{caseId}/measures")
    @Operation(summary = "A case's client answers an outcome questionnaire: scored by its rules, the first answer being the baseline")
    ResponseEntity<Measured> measure(@PathVariable CaseId caseId, @Valid @RequestBody MeasureRequest request,
                                     IdempotencyKey key) {
        Outcome<Measured> measured = commands.sendOnce(key, List.of(caseId, request), new RecordMeasure(caseId,
                request.instrument(), new Instrument.Answers(request.items(), request.activities()), CurrentUser.get()),
                Measured.class);
        return measured.answer(HttpStatus.CREATED).location(URI.create("/cases/" + caseId)).body(measured.result());
    }

    @PostMapping("/clients/{clientId}/intake/{clinicId}/measures")
    @Operation(summary = "With her intake, a client answers an outcome questionnaire: the baseline of the case the clinic opens for her")
    ResponseEntity<Measured> measureAtIntake(@PathVariable ClientId clientId, @PathVariable ClinicId clinicId,
                                             @Valid @RequestBody MeasureRequest request, IdempotencyKey key) {
        Outcome<Measured> measured = commands.sendOnce(key, List.of(clientId, clinicId, request), new RecordIntakeMeasure(
                clientId, clinicId, request.instrument(), new Instrument.Answers(request.items(), request.activities()),
                CurrentUser.get()), Measured.class);
        return measured.answer(HttpStatus.CREATED).location(URI.create("/clients/" + clientId + "/intake/" + clinicId))
                .body(measured.result());
    }
}
