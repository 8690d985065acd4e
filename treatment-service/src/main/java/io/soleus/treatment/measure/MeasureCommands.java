package io.soleus.treatment.measure;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;

/** What a client (or staff, from a paper copy) asks of a case's outcome questionnaires. */
public final class MeasureCommands {

    private MeasureCommands() {
    }

    /** The client's answers to the newest version of {@code instrument}, for her case. */
    public record RecordMeasure(CaseId caseId, String instrument, Instrument.Answers answers, Actor by) {
    }

    /** The client's answers to {@code instrument} with her intake at a clinic, before a case is opened there. */
    public record RecordIntakeMeasure(ClientId clientId, ClinicId clinicId, String instrument, Instrument.Answers answers,
                                      Actor by) {
    }

    /** What the answers scored, and when in the episode they count. */
    public record Measured(String instrument, double score, String occasion) {
    }
}
