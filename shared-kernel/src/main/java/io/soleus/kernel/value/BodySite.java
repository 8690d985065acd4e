package io.soleus.kernel.value;

import io.soleus.kernel.Require;

/** Where on the body: a muscle, a side, and optionally a region of it such as "lower-medial". */
public record BodySite(Muscle muscle, Side side, String region) {

    public BodySite {
        Require.present("site.muscle", muscle);
        Require.present("site.side", side);
        if (region != null) {
            Require.text("site.region", region, 60);
        }
    }
}
