package io.soleus.treatment.care;

import java.time.Clock;

import io.soleus.kernel.Require;
import io.soleus.kernel.treatment.OutcomeMeasured;
import io.soleus.kernel.value.MeasureOccasion;
import io.soleus.platform.axon.Aggregates;
import io.soleus.treatment.intake.Intakes;
import io.soleus.treatment.measure.Instrument;
import io.soleus.treatment.measure.Instruments;
import io.soleus.treatment.measure.MeasureCommands.Measured;
import io.soleus.treatment.measure.MeasureCommands.RecordMeasure;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps a case's outcome questionnaires: the client (or the clinic's staff, from a paper copy)
 * answers the newest version of an instrument; its rules score the answers, and the case decides
 * whether they are the baseline, a follow-up or the discharge measure. The client must consent to the
 * processing of her data at the clinic.
 */
@Component
public class Measures {

    private final Repository<Case> cases;
    private final Instruments instruments;
    private final Intakes intakes;
    private final Clock clock;

    public Measures(@Qualifier("caseRepository") Repository<Case> cases, Instruments instruments, Intakes intakes,
                    Clock clock) {
        this.cases = cases;
        this.instruments = instruments;
        this.intakes = intakes;
        this.clock = clock;
    }

    @CommandHandler
    public Measured handle(RecordMeasure command) {
        // the answers are judged first: bad input is told as such to anyone, and tells nothing of the case
        Instruments.Answered answered = instruments.answer(command.instrument(), command.answers());
        Instrument instrument = answered.instrument();
        Aggregate<Case> record = Aggregates.load(cases, Require.present("caseId", command.caseId()), "case");
        record.execute(it -> it.ensureVisibleTo(command.by()));
        Case current = record.invoke(it -> it);
        intakes.ensureConsentedToDataProcessing(current.clientId(), current.clinicId());
        MeasureOccasion occasion = current.occasionOf(instrument.instrument());
        OutcomeMeasured measured = new OutcomeMeasured(current.caseId(), current.clientId(), current.clinicId(),
                instrument.instrument(), instrument.version(), occasion, answered.answers(), answered.score(),
                clock.instant());
        record.execute(it -> it.measure(measured));
        return new Measured(instrument.instrument(), answered.score(), occasion.name());
    }
}
