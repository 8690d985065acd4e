package io.soleus.kernel.treatment;

import java.time.Instant;

import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ClinicId;

/**
 * An admin set a clinic's questionnaires: which version of which intake form its new clients answer,
 * and after how many assessed sessions a case's clients are asked their outcome questionnaires again.
 */
@Contract(type = "io.soleus.treatment.ClinicQuestionnairesSet", version = 1)
public record ClinicQuestionnairesSet(ClinicId clinicId, String intakeForm, int intakeFormVersion, int followUpEvery,
                                      Instant setAt) implements Checked {

    /** The most assessed sessions between a case's questionnaires a clinic may set. */
    public static final int MOST_SESSIONS_BETWEEN = 52;

    @Override
    public void check() {
        Require.present("clinicId", clinicId);
        Require.text("intakeForm", intakeForm, 60);
        Require.between("intakeFormVersion", intakeFormVersion, 1, Integer.MAX_VALUE);
        Require.between("followUpEvery", followUpEvery, 1, MOST_SESSIONS_BETWEEN);
        Require.present("setAt", setAt);
    }
}
