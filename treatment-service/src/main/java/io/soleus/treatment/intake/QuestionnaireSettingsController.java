package io.soleus.treatment.intake;

import java.util.List;

import io.soleus.kernel.id.ClinicId;
import io.soleus.platform.command.Commands;
import io.soleus.platform.security.CurrentUser;
import io.soleus.treatment.Localized;
import io.soleus.treatment.intake.IntakeCommands.SetQuestionnaires;
import io.soleus.treatment.intake.QuestionnaireSettings.Settings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins set each clinic's questionnaires: the intake form version its new clients answer, and
 * after how many assessed sessions a case's outcome questionnaires are asked again.
 */
@RestController
@Tag(name = "Intake and consent")
class QuestionnaireSettingsController {

    private final Commands commands;
    private final QuestionnaireSettings settings;
    private final IntakeForms forms;

    QuestionnaireSettingsController(Commands commands, QuestionnaireSettings settings, IntakeForms forms) {
        this.commands = commands;
        this.settings = settings;
        this.forms = forms;
    }

    /** A version of an intake form an admin may choose, with how many red-flag questions it asks. */
    record FormVersion(String form, int version, Localized title, long redFlagQuestions) {
    }

    /** The versions to choose from, what a clinic not set up asks, and each clinic set up. */
    record Overview(List<FormVersion> intakeForms, Settings defaults, List<Settings> clinics) {
    }

    /** Validated by the handler, which names every wrong field at once. */
    record SettingsRequest(String intakeForm, Integer intakeFormVersion, Integer followUpEvery) {
    }

    @GetMapping("/questionnaire-settings")
    @Operation(summary = "Every clinic's questionnaires, the defaults, and the intake form versions to choose from")
    Overview overview() {
        return new Overview(forms.all().stream().map(form -> new FormVersion(form.form(), form.version(), form.title(),
                form.questions().filter(IntakeForm.Question::redFlag).count())).toList(),
                settings.defaults(null), settings.all());
    }

    @PutMapping("/clinics/{clinicId}/questionnaire-settings")
    @Operation(summary = "Set the intake form version a clinic asks, and after how many assessed sessions questionnaires are asked again")
    ResponseEntity<Void> set(@PathVariable ClinicId clinicId, @RequestBody SettingsRequest request) {
        commands.send(new SetQuestionnaires(clinicId, request.intakeForm(), request.intakeFormVersion(),
                request.followUpEvery(), CurrentUser.get()));
        return ResponseEntity.noContent().build();
    }
}
