package io.soleus.treatment.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.kernel.value.ConsentVia;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.measure.Instruments;
import io.soleus.treatment.outcome.CaseOutcomes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads clients' files at clinics: a whole file with its answers in the reader's language, a client's
 * files in brief, and a clinic's screening of many clients at once for a day sheet (one query each).
 */
@Component
public class ClientFiles {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final IntakeForms forms;
    private final Instruments instruments;
    private final CaseOutcomes cases;
    private final ObjectMapper json;

    ClientFiles(JdbcTemplate jdbc, IntakeForms forms, Instruments instruments, CaseOutcomes cases, ObjectMapper json) {
        this.jdbc = jdbc;
        this.forms = forms;
        this.instruments = instruments;
        this.cases = cases;
        this.json = json;
    }

    public record Consent(ConsentKind kind, String textVersion, ConsentVia via, Instant givenAt, Instant withdrawnAt,
                          ConsentVia withdrawnVia) {

        public boolean current() {
            return withdrawnAt == null;
        }
    }

    /** An answer as the reader is shown it; {@code redFlag} when it is a red-flag question answered "yes". */
    public record Answer(String section, String questionId, String question, String answer, boolean redFlag) {
    }

    /** Who cleared a red flag and when; a null note once the client is forgotten. */
    public record Clearance(Instant at, String by, String note) {
    }

    /**
     * An intake as read: null answers once the client is forgotten. {@code redFlag}: it raised one;
     * {@code clearance}: the clinic's staff cleared it since.
     */
    public record Intake(String form, int formVersion, String language, Instant submittedAt, boolean redFlag,
                         List<Answer> answers, String advice, Clearance clearance) {
    }

    /** A questionnaire answered with the intake: its score, and the case that took it as its baseline once one did. */
    public record IntakeMeasure(String instrument, double score, Instant answeredAt, UUID caseId) {
    }

    /**
     * A client's file at a clinic. {@code consented}: both kinds are current, so treatment may be recorded.
     * {@code questionnairesDue}: the outcome questionnaires to answer with the intake, before a case is open.
     */
    public record File(ClientId clientId, ClinicId clinicId, Intake intake, List<Consent> consents, boolean consented,
                       List<ConsentKind> missingConsents, List<IntakeMeasure> questionnaires, List<String> questionnairesDue) {
    }

    /** A client at a clinic as a day sheet shows them: intake done or not, a red flag not cleared, consent. */
    public record Screening(ClientId clientId, Instant intakeSubmittedAt, boolean redFlag, boolean consented) {
    }

    /** The client's file at the clinic, for the client and the clinic's staff; for anyone else it does not exist. */
    public File file(ClientId client, ClinicId clinic, String language, Actor reader) {
        if (!ClinicalPolicy.seesCase(reader, clinic, client)) {
            throw new NotFoundException("No file of client " + client + " at clinic " + clinic);
        }
        Optional<Intake> intake = jdbc.query("""
                SELECT form, form_version, language, answers::text, submitted_at, red_flag, red_flags,
                    red_flag_cleared_at, red_flag_cleared_by, red_flag_clearance FROM intake
                WHERE client_id = ? AND clinic_id = ?""", (row, i) -> intake(row, language),
                client.value(), clinic.value()).stream().findFirst();
        List<Consent> consents = consents(client, clinic);
        List<IntakeMeasure> measures = jdbc.query("""
                SELECT instrument, score, answered_at, case_id FROM intake_measure
                WHERE client_id = ? AND clinic_id = ? ORDER BY instrument""",
                (row, i) -> new IntakeMeasure(row.getString(1), row.getDouble(2),
                        row.getObject(3, OffsetDateTime.class).toInstant(), row.getObject(4, UUID.class)),
                client.value(), clinic.value());
        List<String> due = List.of();
        // asked with an intake that begins an episode: none of her cases there is open, or ended after she answered it
        if (intake.isPresent() && !cases.hasCaseSince(client, clinic, intake.get().submittedAt())) {
            due = instruments.names().stream().filter(instrument -> measures.stream()
                    .noneMatch(measure -> measure.instrument().equals(instrument) && measure.caseId() == null)).toList();
        }
        return file(client, clinic, intake.orElse(null), consents, measures, due);
    }

    /** The client's files at every clinic the reader sees, without the answers and the questionnaires. */
    public List<File> files(ClientId client, Actor reader) {
        Map<UUID, Intake> intakes = new LinkedHashMap<>();
        jdbc.query("""
                SELECT clinic_id, form, form_version, language, submitted_at, red_flag, red_flag_cleared_at FROM intake
                WHERE client_id = ? ORDER BY submitted_at""", row -> {
            OffsetDateTime cleared = row.getObject(7, OffsetDateTime.class);
            intakes.put(row.getObject(1, UUID.class), new Intake(row.getString(2), row.getInt(3), row.getString(4),
                    row.getObject(5, OffsetDateTime.class).toInstant(), row.getBoolean(6), List.of(), null,
                    cleared == null ? null : new Clearance(cleared.toInstant(), null, null)));
        }, client.value());
        Map<UUID, List<Consent>> consents = new LinkedHashMap<>();
        jdbc.query("""
                SELECT clinic_id, kind, text_version, via, given_at, withdrawn_at, withdrawn_via FROM consent
                WHERE client_id = ? ORDER BY kind""",
                row -> {
                    consents.computeIfAbsent(row.getObject(1, UUID.class), clinic -> new ArrayList<>()).add(consent(row, 2));
                }, client.value());
        Set<UUID> clinics = new java.util.LinkedHashSet<>(intakes.keySet());
        clinics.addAll(consents.keySet());
        return clinics.stream().filter(clinic -> ClinicalPolicy.seesCase(reader, new ClinicId(clinic), client))
                .map(clinic -> file(client, new ClinicId(clinic), intakes.get(clinic), consents.getOrDefault(clinic, List.of()),
                        List.of(), List.of()))
                .toList();
    }

    /** How each of these clients stands at the clinic (its staff only); a client with no file is not screened. */
    public Map<ClientId, Screening> screening(ClinicId clinic, Set<ClientId> clients, Actor reader) {
        if (!ClinicalPolicy.isStaffAt(reader, clinic)) {
            throw new NotFoundException("No clinic " + clinic);
        }
        UUID[] ids = clients.stream().map(ClientId::value).toArray(UUID[]::new);
        Map<ClientId, Screening> screening = new HashMap<>();
        jdbc.query("""
                SELECT c.client_id, i.submitted_at, coalesce(i.red_flag AND i.red_flag_cleared_at IS NULL, false),
                    (SELECT count(*) FROM consent k WHERE k.client_id = c.client_id AND k.clinic_id = ?
                        AND k.withdrawn_at IS NULL) = ?
                FROM unnest(?::uuid[]) AS c(client_id)
                LEFT JOIN intake i ON i.client_id = c.client_id AND i.clinic_id = ?""", row -> {
            ClientId id = new ClientId(row.getObject(1, UUID.class));
            OffsetDateTime submitted = row.getObject(2, OffsetDateTime.class);
            screening.put(id, new Screening(id, submitted == null ? null : submitted.toInstant(), row.getBoolean(3),
                    row.getBoolean(4)));
        }, clinic.value(), ConsentKind.values().length, ids, clinic.value());
        return screening;
    }

    private List<Consent> consents(ClientId client, ClinicId clinic) {
        return jdbc.query("""
                SELECT kind, text_version, via, given_at, withdrawn_at, withdrawn_via FROM consent
                WHERE client_id = ? AND clinic_id = ? ORDER BY kind""", (row, i) -> consent(row, 1),
                client.value(), clinic.value());
    }

    private static File file(ClientId client, ClinicId clinic, Intake intake, List<Consent> consents,
                             List<IntakeMeasure> questionnaires, List<String> questionnairesDue) {
        List<ConsentKind> missing = new ArrayList<>(List.of(ConsentKind.values()));
        consents.stream().filter(Consent::current).forEach(consent -> missing.remove(consent.kind()));
        return new File(client, clinic, intake, consents, missing.isEmpty(), missing, questionnaires, questionnairesDue);
    }

    private static Consent consent(ResultSet row, int first) throws SQLException {
        OffsetDateTime withdrawn = row.getObject(first + 4, OffsetDateTime.class);
        String withdrawnVia = row.getString(first + 5);
        return new Consent(ConsentKind.valueOf(row.getString(first)), row.getString(first + 1),
                ConsentVia.valueOf(row.getString(first + 2)), row.getObject(first + 3, OffsetDateTime.class).toInstant(),
                withdrawn == null ? null : withdrawn.toInstant(), withdrawnVia == null ? null : ConsentVia.valueOf(withdrawnVia));
    }

    private Intake intake(ResultSet row, String language) throws SQLException {
        String form = row.getString(1);
        int version = row.getInt(2);
        String answered = row.getString(4);
        boolean redFlag = row.getBoolean(6);
        List<String> flags = Arrays.asList((String[]) row.getArray(7).getArray());
        IntakeForm questions = forms.version(form, version)
                .orElseThrow(() -> new IllegalStateException("No intake form " + form + " v" + version));
        List<Answer> answers = null;
        if (answered != null) {
            Map<String, String> values = read(answered);
            Map<String, String> yesNo = Map.of(IntakeForm.YES, questions.yes().in(language), IntakeForm.NO,
                    questions.no().in(language));
            answers = new ArrayList<>();
            for (IntakeForm.Section section : questions.sections()) {
                for (IntakeForm.Question question : section.questions()) {
                    answers.add(new Answer(section.title().in(language), question.id(), question.text().in(language),
                            question.shown(values.get(question.id()), language, yesNo), flags.contains(question.id())));
                }
            }
        }
        OffsetDateTime cleared = row.getObject(8, OffsetDateTime.class);
        return new Intake(form, version, row.getString(3), row.getObject(5, OffsetDateTime.class).toInstant(), redFlag,
                answers, redFlag ? questions.advice().in(language) : null,
                cleared == null ? null : new Clearance(cleared.toInstant(), row.getString(9), row.getString(10)));
    }

    private Map<String, String> read(String answers) {
        try {
            return json.readValue(answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
