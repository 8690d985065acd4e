package io.soleus.platform.bridge;

import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.Upcaster;
import io.soleus.kernel.id.SessionId;

/**
 * A contract that evolves under the bridge tests: a note on a session, whose version 2 adds a required
 * author, so readers of version 1 cannot read it. A test service knows one version or the other.
 */
final class SessionNotes {

    static final String TYPE = "io.soleus.test.SessionNoted";

    @Contract(type = TYPE, version = 1)
    record NotedV1(SessionId sessionId, String note) {
    }

    @Contract(type = TYPE, version = 2)
    record NotedV2(SessionId sessionId, String note, String author) {
    }

    /** The platform's contracts and the note in {@code version}. */
    static EventCodec codec(int version) {
        EventCodec.Builder builder = EventCodec.withStandardContracts();
        if (version == 1) {
            return builder.register(NotedV1.class, Topics.BOOKING).build();
        }
        return builder.register(NotedV2.class, Topics.BOOKING)
                .upcaster(Upcaster.of(TYPE, 1, json -> json.put("author", "unknown")))
                .build();
    }

    private SessionNotes() {
    }
}
