package io.soleus.platform.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soleus.kernel.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics a service writes and reads, held to the settings the platform declares for their kind
 * and the cluster's replication. Event topics ({@link Topics#PARTITIONS}, {@link Topics#CONFIG}): replays
 * from Kafka cover all history only if nothing is deleted or compacted, and per-aggregate order holds
 * only while the partition count does not change. The keys topic ({@link Topics#KEYS_CONFIG}):
 * compacted, never deleted by age, or services would lose the keys to old events. Where topics may be
 * created (locally, in tests) a missing one is created so; where they are provisioned (production) a
 * missing topic or one whose settings break those promises stops the service with a message saying
 * what to fix, rather than being guessed.
 */
public final class TopicProvisioning {

    /** A kind of topic: its partitions and the configuration its promises rest on. */
    public record Kind(String promises, int partitions, Map<String, String> config) {

        public static final Kind EVENTS = new Kind("replay covers all history, per-aggregate order", Topics.PARTITIONS,
                Topics.CONFIG);
        public static final Kind KEYS = new Kind("every service can read each client's keys until the client is forgotten",
                Topics.KEYS_PARTITIONS, Topics.KEYS_CONFIG);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final KafkaBridgeProperties.Topics settings;

    public TopicProvisioning(Admin admin, KafkaBridgeProperties.Topics settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Creates what is missing (if allowed) and checks the rest. Throws a {@link TopicSettingsException}
     * naming every broken setting; answers false when Kafka did not answer, so nothing could be checked.
     */
    public boolean provision(Collection<String> topics) {
        return provision(topics, Kind.EVENTS);
    }

    /** As {@link #provision(Collection)}, for topics of another kind. */
    public boolean provision(Collection<String> topics, Kind kind) {
        if (settings.getMinInsyncReplicas() > settings.getReplicationFactor()) {
            throw new TopicSettingsException("min.insync.replicas " + settings.getMinInsyncReplicas()
                    + " is more than the replication factor " + settings.getReplicationFactor() + ": no write could succeed");
        }
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> problems = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    if (!settings.isCreate()) {
                        problems.add(topic + " does not exist: provision it with " + declared(kind));
                        continue;
                    }
                    create(topic, kind);
                }
                problems.addAll(check(topic, kind));
            }
            if (!problems.isEmpty()) {
                throw new TopicSettingsException("Kafka topics break the platform's promises (" + kind.promises() + "): "
                        + String.join("; ", problems));
            }
            return true;
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer while checking topics {}; they are checked again before publishing", topics);
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                log.warn("Kafka could not answer yet while checking topics {} ({}); they are checked again before publishing",
                        topics, e.getCause().getClass().getSimpleName());
                return false;
            }
            // refused for good: no rights, a replication factor the cluster cannot give, a policy
            throw new TopicSettingsException("Kafka refused to check or create topics " + topics + ": "
                    + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void create(String topic, Kind kind) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> config = new HashMap<>(kind.config());
        config.put("min.insync.replicas", String.valueOf(settings.getMinInsyncReplicas()));
        try {
            admin.createTopics(List.of(new NewTopic(topic, kind.partitions(), settings.getReplicationFactor()).configs(config)))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created topic {} with {}", topic, declared(kind));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private List<String> check(String topic, Kind kind) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = describe(topic);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        List<String> problems = new ArrayList<>();
        int partitions = description.partitions().size();
        if (partitions != kind.partitions()) {
            problems.add(topic + " has " + partitions + " partitions, the platform declares " + kind.partitions()
                    + " (changing the count is a migration, see the README)");
        }
        kind.config().forEach((name, value) -> {
            String actual = value(config, name);
            if (!value.equals(actual)) {
                problems.add(topic + " has " + name + "=" + actual + ", the platform declares " + value);
            }
        });
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas < settings.getReplicationFactor()) {
            problems.add(topic + " has " + replicas + " replicas, this cluster needs " + settings.getReplicationFactor());
        }
        String minInsync = value(config, "min.insync.replicas");
        if (minInsync != null && Integer.parseInt(minInsync) < settings.getMinInsyncReplicas()) {
            problems.add(topic + " has min.insync.replicas=" + minInsync + ", this cluster needs " + settings.getMinInsyncReplicas());
        }
        return problems;
    }

    /** The topic as the brokers know it; a topic just created may take a moment to reach them all. */
    private TopicDescription describe(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100); // metadata of a new topic spreading across the brokers
            }
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }

    private String declared(Kind kind) {
        return kind.partitions() + " partitions, " + settings.getReplicationFactor() + " replicas, min.insync.replicas="
                + settings.getMinInsyncReplicas() + ", " + kind.config().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Topics whose settings break their kind's promises; the service does not start. */
    public static class TopicSettingsException extends IllegalStateException {
        public TopicSettingsException(String message) {
            super(message);
        }
    }
}
