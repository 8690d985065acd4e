package io.soleus.treatment.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.ClinicQuestionnairesSet;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.intake.IntakeCommands.SetQuestionnaires;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each clinic's questionnaires: admins set them, and the intake and the clinical record read them.
 * A clinic no admin has set up asks the newest intake form and asks questionnaires again every
 * {@value #DEFAULT_FOLLOW_UP_EVERY} assessed sessions.
 */
@Component
public class QuestionnaireSettings {

    static final int DEFAULT_FOLLOW_UP_EVERY = 4;
    static final int MOST_SESSIONS_BETWEEN = 52;

    /** A clinic's questionnaires; {@code setAt} is empty for a clinic on the defaults. */
    public record Settings(ClinicId clinicId, String intakeForm, int intakeFormVersion, int followUpEvery, Instant setAt) {
    }

    private final Repository<ClinicQuestionnaires> settings;
    private final EventStore events;
    private final IntakeForms forms;
    private final BookingFacts booking;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public QuestionnaireSettings(@Qualifier("clinicQuestionnairesRepository") Repository<ClinicQuestionnaires> settings,
                                 EventStore events, IntakeForms forms, BookingFacts booking, JdbcTemplate jdbc, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.forms = forms;
        this.booking = booking;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(SetQuestionnaires command) throws Exception {
        Map<String, String> invalid = new LinkedHashMap<>();
        List<String> versions = forms.all().stream().map(form -> form.form() + " v" + form.version()).toList();
        if (forms.all().stream().noneMatch(form -> form.form().equals(command.intakeForm()))) {
            invalid.put("intakeForm", "one of the intake forms " + versions);
        } else if (command.intakeFormVersion() == null
                || forms.version(command.intakeForm(), command.intakeFormVersion()).isEmpty()) {
            invalid.put("intakeFormVersion", "one of the intake forms' versions " + versions);
        }
        if (command.followUpEvery() == null || command.followUpEvery() < 1 || command.followUpEvery() > MOST_SESSIONS_BETWEEN) {
            invalid.put("followUpEvery", "followUpEvery must be between 1 and " + MOST_SESSIONS_BETWEEN + " sessions");
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
        String id = ClinicQuestionnaires.idOf(clinic);
        if (events.lastSequenceNumberFor(id).isPresent()) {
            settings.load(id).execute(it -> it.set(set));
        } else {
            settings.newInstance(() -> new ClinicQuestionnaires(set));
        }
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
