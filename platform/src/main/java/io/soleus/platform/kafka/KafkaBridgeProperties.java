package io.soleus.platform.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the Kafka bridge: where the broker is, what this service publishes and what it consumes. */
@ConfigurationProperties("soleus.kafka")
public class KafkaBridgeProperties {

    /** Bootstrap servers of the broker ({@code SOLEUS_KAFKA_BOOTSTRAP}). */
    private String bootstrapServers = "localhost:9092";

    /** CloudEvents {@code source} of the events this service publishes, e.g. {@code /soleus/booking-service}. */
    private String source;

    /** Partitions and replication of the topics this service creates. */
    private final Topics topics = new Topics();

    private final Publisher publisher = new Publisher();

    /** Processing groups fed from Kafka, by processing group name. */
    private Map<String, Consumer> consumers = new LinkedHashMap<>();

    /** How long the ids of applied events are kept to drop late copies. */
    private Duration inboxRetention = Duration.ofDays(7);

    /** A processor that has work but has not advanced for this long is reported stuck. */
    private Duration stuckAfter = Duration.ofSeconds(60);

    /**
     * How the event topics are held to the platform's declared settings ({@code io.soleus.kernel.Topics}):
     * created when missing ({@code create}, locally and in tests) or only checked (production, where
     * they are provisioned), with this cluster's replication.
     */
    public static class Topics {
        private boolean create = true;
        private short replicationFactor = 1;
        private int minInsyncReplicas = 1;

        public boolean isCreate() { return create; }
        public void setCreate(boolean create) { this.create = create; }
        public short getReplicationFactor() { return replicationFactor; }
        public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
        public int getMinInsyncReplicas() { return minInsyncReplicas; }
        public void setMinInsyncReplicas(int minInsyncReplicas) { this.minInsyncReplicas = minInsyncReplicas; }
    }

    public static class Publisher {
        /** The topic this service publishes its contract events to; no publisher when unset. */
        private String topic;
        private int batchSize = 500;
        private int segments = 1;
        /** Extra producer settings, e.g. {@code linger.ms}; the delivery guarantees cannot be weakened. */
        private Map<String, String> producer = new LinkedHashMap<>();

        public String getTopic() { return topic; }
        public void setTopic(String topic) { this.topic = topic; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public int getSegments() { return segments; }
        public void setSegments(int segments) { this.segments = segments; }
        public Map<String, String> getProducer() { return producer; }
        public void setProducer(Map<String, String> producer) { this.producer = producer; }
    }

    public static class Consumer {
        private List<String> topics = List.of();
        private int segments = 4;
        private int batchSize = 200;
        /** How many segments one instance may claim; the rest are left to other instances. */
        private int maxClaimedSegments = Integer.MAX_VALUE;
        private boolean deadLetterQueue = true;

        public List<String> getTopics() { return topics; }
        public void setTopics(List<String> topics) { this.topics = topics; }
        public int getSegments() { return segments; }
        public void setSegments(int segments) { this.segments = segments; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public int getMaxClaimedSegments() { return maxClaimedSegments; }
        public void setMaxClaimedSegments(int maxClaimedSegments) { this.maxClaimedSegments = maxClaimedSegments; }
        public boolean isDeadLetterQueue() { return deadLetterQueue; }
        public void setDeadLetterQueue(boolean deadLetterQueue) { this.deadLetterQueue = deadLetterQueue; }
    }

    public String getBootstrapServers() { return bootstrapServers; }
    public void setBootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public Topics getTopics() { return topics; }
    public Publisher getPublisher() { return publisher; }
    public Map<String, Consumer> getConsumers() { return consumers; }
    public void setConsumers(Map<String, Consumer> consumers) { this.consumers = consumers; }
    public Duration getInboxRetention() { return inboxRetention; }
    public void setInboxRetention(Duration inboxRetention) { this.inboxRetention = inboxRetention; }
    public Duration getStuckAfter() { return stuckAfter; }
    public void setStuckAfter(Duration stuckAfter) { this.stuckAfter = stuckAfter; }
}
