package io.soleus.kernel.treatment;

import java.time.Instant;

import io.soleus.kernel.AboutClient;
import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.Personal;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;

/**
 * Before her first session at a clinic, a client answered a validated outcome questionnaire with her
 * intake: the answers (sealed) and their score wait in her file there to become the baseline of the
 * case the clinic opens for her ({@link IntakeQuestionnairesAdopted}).
 */
@Contract(type = "io.soleus.treatment.IntakeQuestionnaireAnswered", version = 1)
public record IntakeQuestionnaireAnswered(ClientId clientId, ClinicId clinicId, String instrument, int instrumentVersion,
                                          @Personal String answers, double score, Instant answeredAt)
        implements Checked, AboutClient {

    @Override
    public void check() {
        Require.present("clientId", clientId);
        Require.present("clinicId", clinicId);
        Require.text("instrument", instrument, 40);
        Require.between("instrumentVersion", instrumentVersion, 1, Integer.MAX_VALUE);
        Require.text("answers", answers, 16_000);
        Require.present("answeredAt", answeredAt);
    }
}
