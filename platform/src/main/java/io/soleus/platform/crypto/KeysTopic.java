package io.soleus.platform.crypto;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soleus.platform.kafka.KafkaBridgeProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys topic, made where the platform makes its topics: compacted, so a key's tombstone removes it
 * for good (a segment rolls at least hourly), tombstones kept a day for every service to read. A
 * broker that does not answer yet does not stop the start: the keys' reader asks again.
 */
public class KeysTopic {

    private static final Logger log = LoggerFactory.getLogger(KeysTopic.class);
    static final int PARTITIONS = 3;

    private final Admin admin;
    private final KafkaBridgeProperties.Topics settings;
    private final String name;

    public KeysTopic(Admin admin, KafkaBridgeProperties.Topics settings, String name) {
        this.admin = admin;
        this.settings = settings;
        this.name = name;
    }

    /** Makes the topic if this service makes topics and it is missing; true once it exists (or is made elsewhere). */
    public boolean ensure() {
        if (!settings.isCreate()) {
            return true;
        }
        Map<String, String> config = Map.of("cleanup.policy", "compact", "segment.ms", "3600000",
                "min.compaction.lag.ms", "0", "max.compaction.lag.ms", "3600000", "delete.retention.ms", "86400000",
                "min.insync.replicas", String.valueOf(settings.getMinInsyncReplicas()));
        try {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, settings.getReplicationFactor()).configs(config)))
                    .all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            log.warn("Could not make the keys topic {} yet: {}", name, e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            log.warn("The broker did not answer while making the keys topic {}; it is asked again later", name);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
