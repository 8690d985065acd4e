package io.soleus.treatment.intake;

import java.time.ZoneOffset;

import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps each clinic's questionnaires as last set, for the intake and the clinical record to read. */
@Component
@ProcessingGroup(QuestionnaireSettingsProjection.GROUP)
public class QuestionnaireSettingsProjection {

    public static final String GROUP = "clinic-questionnaires";

    private final JdbcTemplate jdbc;

    QuestionnaireSettingsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClinicQuestionnairesSet event) {
        jdbc.update("""
                INSERT INTO clinic_questionnaires (clinic_id, intake_form, intake_form_version, follow_up_every, set_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (clinic_id) DO UPDATE SET intake_form = excluded.intake_form,
                    intake_form_version = excluded.intake_form_version, follow_up_every = excluded.follow_up_every,
                    set_at = excluded.set_at
                WHERE clinic_questionnaires.set_at <= excluded.set_at""",
                event.clinicId().value(), event.intakeForm(), event.intakeFormVersion(), event.followUpEvery(),
                event.setAt().atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE clinic_questionnaires");
    }
}
