package io.soleus.treatment.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.treatment.ConsentGiven;
import io.soleus.kernel.treatment.ConsentWithdrawn;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.treatment.IntakeQuestionnairesAdopted;
import io.soleus.kernel.treatment.IntakeSubmitted;
import io.soleus.kernel.treatment.RedFlagCleared;
import io.soleus.kernel.treatment.RedFlagRaised;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds intakes and consents into each client's file at each clinic: the latest intake with its red
 * flags, the scores of the questionnaires answered with it, and each kind of consent as last given or withdrawn. A row keeps the file's sequence it last
 * took, so an event applied again, or an older one, changes nothing;
 * a forgotten client's answers read as erased in the events and are kept as none.
 */
@Component
@ProcessingGroup(IntakeProjection.GROUP)
public class IntakeProjection {

    public static final String GROUP = "intakes";

    private final JdbcTemplate jdbc;

    public IntakeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IntakeSubmitted event, @SequenceNumber long sequence) {
        String answers = Personal.ERASED.equals(event.answers()) ? null : event.answers();
        jdbc.update("""
                INSERT INTO intake (client_id, clinic_id, form, form_version, language, answers, submitted_at, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (client_id, clinic_id) DO UPDATE SET form = excluded.form,
                    form_version = excluded.form_version, language = excluded.language, answers = excluded.answers,
                    submitted_at = excluded.submitted_at, red_flag = false, red_flags = '{}',
                    red_flag_cleared_at = NULL, red_flag_cleared_by = NULL, red_flag_clearance = NULL,
                    last_sequence = excluded.last_sequence
                WHERE intake.last_sequence < excluded.last_sequence""",
                event.clientId().value(), event.clinicId().value(), event.form(), event.formVersion(), event.language(),
                answers, time(event.submittedAt()), sequence);
    }

    /** Follows its intake in the same file, so it applies over the intake it flags and never over a later one. */
    @EventHandler
    void on(RedFlagRaised event, @SequenceNumber long sequence) {
        String[] questions = Personal.ERASED.equals(event.questions()) ? new String[0] : event.questions().split(",");
        jdbc.update("""
                UPDATE intake SET red_flag = true, red_flags = ?, last_sequence = ?
                WHERE client_id = ? AND clinic_id = ? AND last_sequence < ?""",
                questions, sequence, event.clientId().value(), event.clinicId().value(), sequence);
    }

    @EventHandler
    void on(RedFlagCleared event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE intake SET red_flag_cleared_at = ?, red_flag_cleared_by = ?, red_flag_clearance = ?, last_sequence = ?
                WHERE client_id = ? AND clinic_id = ? AND last_sequence < ?""",
                time(event.clearedAt()), event.clearedBy(), Personal.ERASED.equals(event.note()) ? null : event.note(),
                sequence, event.clientId().value(), event.clinicId().value(), sequence);
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO consent (client_id, clinic_id, kind, text_version, via, given_at, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id, clinic_id, kind) DO UPDATE SET text_version = excluded.text_version,
                    via = excluded.via, given_at = excluded.given_at, withdrawn_at = NULL, withdrawn_via = NULL,
                    last_sequence = excluded.last_sequence
                WHERE consent.last_sequence < excluded.last_sequence""",
                event.clientId().value(), event.clinicId().value(), event.kind().name(), event.textVersion(),
                event.via().name(), time(event.givenAt()), sequence);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        jdbc.update("""
                UPDATE consent SET withdrawn_at = ?, withdrawn_via = ?, last_sequence = ?
                WHERE client_id = ? AND clinic_id = ? AND kind = ? AND last_sequence < ?""",
                time(event.withdrawnAt()), event.via().name(), sequence, event.clientId().value(),
                event.clinicId().value(), event.kind().name(), sequence);
    }

    /** Its score only: the answers (a PSFS names her activities) stay sealed in the file until a case takes them. */
    @EventHandler
    void on(IntakeQuestionnaireAnswered event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO intake_measure (client_id, clinic_id, instrument, score, answered_at, last_sequence)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id, clinic_id, instrument) DO UPDATE SET score = excluded.score,
                    answered_at = excluded.answered_at, case_id = NULL, last_sequence = excluded.last_sequence
                WHERE intake_measure.last_sequence < excluded.last_sequence""",
                event.clientId().value(), event.clinicId().value(), event.instrument(), event.score(),
                time(event.answeredAt()), sequence);
    }

    @EventHandler
    void on(IntakeQuestionnairesAdopted event, @SequenceNumber long sequence) {
        for (String instrument : event.instruments()) {
            jdbc.update("""
                    UPDATE intake_measure SET case_id = ?, last_sequence = ?
                    WHERE client_id = ? AND clinic_id = ? AND instrument = ? AND last_sequence < ?""",
                    event.caseId().value(), sequence, event.clientId().value(), event.clinicId().value(), instrument,
                    sequence);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE intake, consent, intake_measure");
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
