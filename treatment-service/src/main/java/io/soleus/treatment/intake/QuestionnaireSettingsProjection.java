package io.soleus.treatment.intake;

import java.time.ZoneOffset;

import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
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

    /** Applies over an older setting only, by the settings' sequence: a copy of an earlier one changes nothing. */
    @EventHandler
    void on(ClinicQuestionnairesSet event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO clinic_questionnaires (clinic_id, intake_form, intake_form_version, follow_up_every, set_at,
                    last_sequence)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (clinic_id) DO UPDATE SET intake_form = excluded.intake_form,
                    intake_form_version = excluded.intake_form_version, follow_up_every = excluded.follow_up_every,
                    set_at = excluded.set_at, last_sequence = excluded.last_sequence
                WHERE clinic_questionnaires.last_sequence < excluded.last_sequence""",
                event.clinicId().value(), event.intakeForm(), event.intakeFormVersion(), event.followUpEvery(),
                event.setAt().atOffset(ZoneOffset.UTC), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE clinic_questionnaires");
    }
}
