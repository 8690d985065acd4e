package io.soleus.treatment.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.soleus.kernel.id.ClinicId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each clinic's questionnaires as the intake and the clinical record read them ({@link QuestionnaireSetup}
 * is where admins set them).
 * A clinic no admin has set up asks the newest intake form and asks questionnaires again every
 * {@value #DEFAULT_FOLLOW_UP_EVERY} assessed sessions.
 */
@Component
public class QuestionnaireSettings {

    static final int DEFAULT_FOLLOW_UP_EVERY = 4;

    /** A clinic's questionnaires; {@code setAt} is empty for a clinic on the defaults. */
    public record Settings(ClinicId clinicId, String intakeForm, int intakeFormVersion, int followUpEvery, Instant setAt) {
    }

    private final IntakeForms forms;
    private final JdbcTemplate jdbc;

    public QuestionnaireSettings(IntakeForms forms, JdbcTemplate jdbc) {
        this.forms = forms;
        this.jdbc = jdbc;
    }

    /** The clinic's questionnaires now, as set or by default. */
    public Settings of(ClinicId clinic) {
        return jdbc.query("SELECT intake_form, intake_form_version, follow_up_every, set_at FROM clinic_questionnaires "
                                + "WHERE clinic_id = ?", (row, i) -> new Settings(clinic, row.getString(1), row.getInt(2), row.getInt(3),
                        row.getObject(4, OffsetDateTime.class).toInstant()), clinic.value())
                .stream().findFirst().orElseGet(() -> defaults(clinic));
    }

    /** The intake form the clinic's clients answer now. */
    public IntakeForm intakeForm(ClinicId clinic) {
        Settings current = of(clinic);
        return forms.version(current.intakeForm(), current.intakeFormVersion()).orElseGet(forms::newest);
    }

    /** Every clinic an admin has set up; the others are on {@link #defaults}. */
    public List<Settings> all() {
        return jdbc.query("SELECT clinic_id, intake_form, intake_form_version, follow_up_every, set_at FROM clinic_questionnaires "
                        + "ORDER BY clinic_id",
                (row, i) -> new Settings(new ClinicId(row.getObject(1, UUID.class)), row.getString(2), row.getInt(3),
                        row.getInt(4), row.getObject(5, OffsetDateTime.class).toInstant()));
    }

    public Settings defaults(ClinicId clinic) {
        IntakeForm newest = forms.newest();
        return new Settings(clinic, newest.form(), newest.version(), DEFAULT_FOLLOW_UP_EVERY, null);
    }
}
