package io.soleus.treatment.intake;

import java.time.Clock;
import java.util.List;

import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.value.MeasureOccasion;
import io.soleus.treatment.measure.Instrument;
import io.soleus.treatment.measure.Instruments;
import io.soleus.treatment.measure.MeasureCommands.Measured;
import io.soleus.treatment.measure.MeasureCommands.RecordIntakeMeasure;
import io.soleus.treatment.outcome.CaseOutcomes;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * The outcome questionnaires a client answers with her intake, before her first session: scored and
 * kept in her file at the clinic until the case opened for her there takes them as its baseline. Who
 * may answer is the intake's rule; it records her data, so she must consent to its processing, and a
 * case taking the answers needs that consent still.
 */
@Component
public class IntakeQuestionnaires {

    private final Intakes intakes;
    private final Instruments instruments;
    private final CaseOutcomes cases;
    private final Clock clock;

    IntakeQuestionnaires(Intakes intakes, Instruments instruments, CaseOutcomes cases, Clock clock) {
        this.intakes = intakes;
        this.instruments = instruments;
        this.cases = cases;
        this.clock = clock;
    }

    /** Refused (409 {@code case-open}) while a case is open at the clinic: its questionnaires are the case's. */
    @CommandHandler
    public Measured handle(RecordIntakeMeasure command) {
        // the answers are judged first: bad input is told as such to anyone, and tells nothing of the client
        Instruments.Answered scored = instruments.answer(command.instrument(), command.answers());
        intakes.checkAccess(command.clientId(), command.clinicId(), command.by());
        intakes.ensureConsentedToDataProcessing(command.clientId(), command.clinicId());
        if (cases.hasCaseSince(command.clientId(), command.clinicId(), clock.instant())) {
            throw new RuleViolationException("case-open",
                    "The client's case at this clinic is open: its questionnaires are answered for the case");
        }
        Instrument instrument = scored.instrument();
        IntakeQuestionnaireAnswered answered = new IntakeQuestionnaireAnswered(command.clientId(), command.clinicId(),
                instrument.instrument(), instrument.version(), scored.answers(), scored.score(), clock.instant());
        intakes.existing(command.clientId(), command.clinicId()).orElseThrow().execute(file -> file.answer(answered));
        return new Measured(instrument.instrument(), scored.score(), MeasureOccasion.BASELINE.name());
    }

    /**
     * What the client answered with her intake at the clinic that no case has taken yet: the case just
     * opened takes it as its baseline (in the unit of work that opens it), and no other case will.
     */
    public List<IntakeQuestionnaireAnswered> adoptInto(CaseId caseId, ClientId client, ClinicId clinic) {
        return intakes.existing(client, clinic).map(file -> file.invoke(it -> it.adoptInto(caseId, clock.instant())))
                .orElse(List.of());
    }
}
