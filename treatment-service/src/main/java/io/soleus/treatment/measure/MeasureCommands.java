package io.soleus.treatment.measure;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.CaseId;

/** What a client (or staff, from a paper copy) asks of a case's outcome questionnaires. */
public final class MeasureCommands {

    private MeasureCommands() {
    }

    /** The client's answers to the newest version of {@code instrument}, for her case. */
    public record RecordMeasure(CaseId caseId, String instrument, Instrument.Answers answers, Actor by) {
    }

    /** What the answers scored, and when in the episode they count. */
    public record Measured(String instrument, double score, String occasion) {
    }
}
