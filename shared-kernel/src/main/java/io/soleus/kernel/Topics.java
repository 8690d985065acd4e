package io.soleus.kernel;

import java.util.Map;

/** The Kafka topics the services publish their contract events to, one per producing service. */
public final class Topics {

    public static final String BOOKING = "soleus.booking.v1";
    public static final String TREATMENT = "soleus.treatment.v1";

    /**
     * Clients' keys, shared between the services (wrapped with the key-encryption key): compacted, so
     * a forgotten client's tombstones remove their keys for good. Not an event topic.
     */
    public static final String KEYS = "soleus.keys.v1";

    /**
     * Partitions of every event topic, wherever it runs: room for twelve consumer segments. A record's
     * partition follows from its key and this count, so changing it moves aggregates between
     * partitions and breaks their order: it is a migration (a new topic, copied in order), never a
     * setting to tune.
     */
    public static final int PARTITIONS = 12;

    /**
     * The topic configuration that keeps the replay promise: every record kept forever, none
     * compacted away. Replication is the cluster's to choose (one broker locally, three in production).
     */
    public static final Map<String, String> CONFIG = Map.of("retention.ms", "-1", "retention.bytes", "-1",
            "cleanup.policy", "delete");

    /** Partitions of the keys topic: a few suffice, every service reads all of it. */
    public static final int KEYS_PARTITIONS = 3;

    /**
     * The keys topic's configuration: compacted, so a key's tombstone removes it for good within the
     * hour (a segment rolls at least hourly, compaction runs whatever the dirty ratio), tombstones kept
     * a day for every service to read; the lasting "forgotten" records stay.
     */
    public static final Map<String, String> KEYS_CONFIG = Map.of("cleanup.policy", "compact", "segment.ms", "3600000",
            "min.compaction.lag.ms", "0", "max.compaction.lag.ms", "3600000", "delete.retention.ms", "86400000");

    private Topics() {
    }
}
