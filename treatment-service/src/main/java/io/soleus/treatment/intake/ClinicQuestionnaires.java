package io.soleus.treatment.intake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * What a clinic asks of its clients, as its admin set it: the intake form version its new clients
 * answer and how often a case's outcome questionnaires are asked again. Setting what is already set
 * changes nothing.
 */
@Aggregate
public class ClinicQuestionnaires {

    @AggregateIdentifier
    private String settingsId;
    private ClinicQuestionnairesSet current;

    protected ClinicQuestionnaires() {
    }

    ClinicQuestionnaires(ClinicQuestionnairesSet first) {
        apply(first);
    }

    /** One per clinic, named by it. */
    static String idOf(ClinicId clinic) {
        return "questionnaires:" + clinic;
    }

    void set(ClinicQuestionnairesSet settings) {
        if (!current.intakeForm().equals(settings.intakeForm()) || current.intakeFormVersion() != settings.intakeFormVersion()
                || current.followUpEvery() != settings.followUpEvery()) {
            apply(settings);
        }
    }

    @EventSourcingHandler
    void on(ClinicQuestionnairesSet event) {
        settingsId = idOf(event.clinicId());
        current = event;
    }
}
