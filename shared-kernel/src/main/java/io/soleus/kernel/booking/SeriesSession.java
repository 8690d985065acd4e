package io.soleus.kernel.booking;

import java.time.Instant;

import io.soleus.kernel.Require;
import io.soleus.kernel.id.SessionId;

/** One session of a course of treatment, as a series event names it: which one, and when it starts. */
public record SeriesSession(SessionId sessionId, Instant start) {

    public SeriesSession {
        Require.present("sessionId", sessionId);
        Require.present("start", start);
    }
}
