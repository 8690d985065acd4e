package io.soleus.platform.test;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.ContractType;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.platform.kafka.CloudEventMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Publishes contract events to their topic exactly as another service's publisher would (key,
 * CloudEvents headers, JSON), so a service's consuming side is tested with real records on the real
 * broker without running the other service.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final CloudEventMapping mapping;
    private final EventCodec codec;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Set<String> topics = new HashSet<>();

    public TopicWriter(String source) {
        this(source, EventCodec.standard());
    }

    /** A writer knowing the contracts of {@code codec}, e.g. a producer a version ahead of its consumers. */
    public TopicWriter(String source, EventCodec codec) {
        this.codec = codec;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SoleusInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        mapping = new CloudEventMapping(codec, URI.create(source));
    }

    /** Publishes the next event of aggregate {@code aggregateId} and waits for the broker's acknowledgement. */
    public DomainEventMessage<?> publish(String aggregateType, String aggregateId, Object event) {
        long sequence = sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, event);
        resend(message);
        return message;
    }

    /** Publishes a message again, same id and all, as a publisher does that crashed before committing its token. */
    public void resend(DomainEventMessage<?> message) {
        ContractType type = codec.typeOf(message.getPayloadType());
        try {
            if (topics.add(type.topic())) {
                createIfMissing(type.topic());
            }
            producer.send(mapping.toRecord(message, type)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused a record", e);
        }
    }

    /** Sends a record as it is, e.g. one no publisher of ours would write. */
    public void sendRaw(ProducerRecord<String, byte[]> record) {
        try {
            if (topics.add(record.topic())) {
                createIfMissing(record.topic());
            }
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused a record", e);
        }
    }

    /** The topic as the platform's publisher creates it, for a test in which no publisher has run yet. */
    private static void createIfMissing(String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SoleusInfrastructure.get().kafkaBootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Topics.PARTITIONS, (short) 1).configs(Topics.CONFIG))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
