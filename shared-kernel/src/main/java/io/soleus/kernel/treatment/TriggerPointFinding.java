package io.soleus.kernel.treatment;

import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.value.BodySite;
import io.soleus.kernel.value.Severity;

/** A trigger point found on palpation: where, and how pronounced. */
public record TriggerPointFinding(BodySite site, Severity severity) implements Checked {

    @Override
    public void check() {
        Require.present("site", site);
        Require.present("severity", severity);
    }
}
