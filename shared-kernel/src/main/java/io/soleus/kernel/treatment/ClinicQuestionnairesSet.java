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

    @Override
    public void check() {
        Require.present("clinicId", clinicId);
        Require.text("intakeForm", intakeForm, 60);
        Require.between("intakeFormVersion", intakeFormVersion, 1, Integer.MAX_VALUE);
        Require.between("followUpEvery", followUpEvery, 1, 52);
        Require.present("setAt", setAt);
    }
}
