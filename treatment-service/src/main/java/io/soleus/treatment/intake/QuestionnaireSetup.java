package io.soleus.treatment.intake;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import io.soleus.platform.axon.Aggregates;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.intake.IntakeCommands.SetQuestionnaires;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Admins set a clinic's questionnaires: an intake form version the service knows, and after how many
 * assessed sessions (1 to {@value ClinicQuestionnairesSet#MOST_SESSIONS_BETWEEN}) outcome
 * questionnaires are asked again. Every wrong field is named at once; a clinic booking never told of
 * does not exist.
 */
@Component
class QuestionnaireSetup {

    private final Repository<ClinicQuestionnaires> settings;
    private final EventStore events;
    private final IntakeForms forms;
    private final BookingFacts booking;
    private final Clock clock;

    QuestionnaireSetup(@Qualifier("clinicQuestionnairesRepository") Repository<ClinicQuestionnaires> settings,
                       EventStore events, IntakeForms forms, BookingFacts booking, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.forms = forms;
        this.booking = booking;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(SetQuestionnaires command) {
        Map<String, String> invalid = new LinkedHashMap<>();
        List<String> versions = forms.all().stream().map(form -> form.form() + " v" + form.version()).toList();
        if (forms.all().stream().noneMatch(form -> form.form().equals(command.intakeForm()))) {
            invalid.put("intakeForm", "one of the intake forms " + versions);
        } else if (command.intakeFormVersion() == null
                || forms.version(command.intakeForm(), command.intakeFormVersion()).isEmpty()) {
            invalid.put("intakeFormVersion", "one of the intake forms' versions " + versions);
        }
        int most = ClinicQuestionnairesSet.MOST_SESSIONS_BETWEEN;
        if (command.followUpEvery() == null || command.followUpEvery() < 1 || command.followUpEvery() > most) {
            invalid.put("followUpEvery", "followUpEvery must be between 1 and " + most + " sessions");
        }
        if (!invalid.isEmpty()) {
            throw new InvalidValueException(invalid);
        }
        ClinicId clinic = Require.present("clinicId", command.clinicId());
        if (!ClinicalPolicy.setsUpClinics(command.by()) || !booking.knowsClinic(clinic)) {
            throw new NotFoundException("No clinic " + clinic);
        }
        ClinicQuestionnairesSet set = new ClinicQuestionnairesSet(clinic, command.intakeForm(), command.intakeFormVersion(),
                command.followUpEvery(), clock.instant());
        Aggregates.update(settings, events, ClinicQuestionnaires.idOf(clinic), () -> new ClinicQuestionnaires(set),
                it -> it.set(set));
    }
}
