package io.soleus.kernel.value;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/** The therapist's working finding for a case, e.g. soleus myofascial pain: a code and its label. */
public record Finding(String code, String label) {

    public static final Finding SOLEUS_MYOFASCIAL_PAIN = new Finding("soleus-myofascial-pain", "Soleus myofascial pain");

    public Finding {
        Require.present("finding.code", code);
        if (!Muscle.CODE.matcher(code).matches()) {
            throw new InvalidValueException("finding.code", "finding.code must be a lower-case code");
        }
        Require.text("finding.label", label, 120);
    }
}
