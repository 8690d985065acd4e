package io.soleus.platform.kafka;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.platform.tracing.TracedHandling;
import io.soleus.platform.tracing.Traces;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Kafka bridge of a service: a publisher from its event store to its topic, and Kafka-fed
 * processing groups for the topics it consumes, both with positions in the service's token store.
 */
@AutoConfiguration
@EnableConfigurationProperties(KafkaBridgeProperties.class)
@EnableScheduling
public class KafkaBridgeAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaBridgeAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    CloudEventMapping cloudEventMapping(EventCodec codec, KafkaBridgeProperties properties, Environment environment) {
        String source = properties.getSource() != null
                ? properties.getSource()
                : "/soleus/" + applicationName(environment);
        return new CloudEventMapping(codec, URI.create(source));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Admin kafkaAdmin(KafkaBridgeProperties properties) {
        return Admin.create(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers(),
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /**
     * How long a batch waits for Kafka inside its transaction: half the claim timeout (at most a
     * minute), so a slow broker fails the batch, which is retried, before the segment's claim could
     * lapse and a second instance publish the same events.
     */
    static Duration acknowledgeTimeout(Duration claimTimeout) {
        Duration half = claimTimeout.dividedBy(2);
        return half.compareTo(Duration.ofMinutes(1)) < 0 ? half : Duration.ofMinutes(1);
    }

    /** Checks the topic again after a failed batch, outside the batch's transaction, which it must not hold open. */
    private static void checkLater(TopicProvisioning topics, String topic) {
        CompletableFuture.runAsync(() -> topics.provision(List.of(topic))).exceptionally(refused -> {
            log.error("The publisher's topic breaks the platform's promises: {}", refused.getCause().getMessage());
            return null;
        });
    }

    @Bean
    TopicProvisioning topicProvisioning(Admin admin, KafkaBridgeProperties properties) {
        return new TopicProvisioning(admin, properties.getTopics());
    }

    /**
     * Every topic this service publishes to or reads from, created or checked before it takes work: a
     * topic whose settings break the replay promise stops the start with a message saying what to fix.
     * A broker that does not answer yet does not: the publisher checks again before its first batch.
     */
    @Bean
    SmartInitializingSingleton kafkaTopicsChecked(TopicProvisioning topics, KafkaBridgeProperties properties) {
        return () -> {
            Set<String> used = new TreeSet<>();
            if (properties.getPublisher().getTopic() != null) {
                used.add(properties.getPublisher().getTopic());
            }
            properties.getConsumers().values().forEach(consumer -> used.addAll(consumer.getTopics()));
            if (!used.isEmpty()) {
                topics.provision(used);
            }
        };
    }

    /**
     * One long-lived idempotent producer per service. {@code acks=all} with idempotence means an
     * acknowledged record is on every in-sync replica and a retried send is never duplicated by the
     * producer itself, and up to five in-flight requests keep order per partition.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    Producer<String, byte[]> kafkaPublisherProducer(KafkaBridgeProperties properties, Environment environment,
                                                    @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        Map<String, Object> config = new HashMap<>(publisherProducerDefaults());
        config.putAll(properties.getPublisher().getProducer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG,
                applicationName(environment) + "-publisher");
        config.putAll(PUBLISHER_GUARANTEES);
        // a send waiting for metadata of a broker that is away blocks no longer than the batch may wait
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, acknowledgeTimeout(claimTimeout).toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Settings a service may tune. */
    public static Map<String, Object> publisherProducerDefaults() {
        return Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    }

    /** Settings that carry the publisher's promises, applied last so nothing weakens them. */
    public static final Map<String, Object> PUBLISHER_GUARANTEES = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);

    @Bean
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    KafkaPublisher kafkaPublisher(Producer<String, byte[]> producer, EventCodec codec, CloudEventMapping mapping,
                                  KafkaBridgeProperties properties, TopicProvisioning topics,
                                  @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                                  ObjectProvider<KafkaPublisher.AcknowledgedBatchListener> listeners) {
        String topic = properties.getPublisher().getTopic();
        return new KafkaPublisher(producer, codec, mapping, topic, acknowledgeTimeout(claimTimeout),
                listeners.orderedStream().toList(), () -> checkLater(topics, topic));
    }

    @Bean
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    ConfigurerModule kafkaPublisherProcessor(KafkaBridgeProperties properties, KafkaPublisher kafkaPublisher) {
        KafkaBridgeProperties.Publisher publisher = properties.getPublisher();
        // A tracking processor, whose thread reads a batch and publishes it: the pooled processor's
        // coordinator naps 100 ms whenever a segment's buffer of 1,024 events is full, which held the
        // publisher, slower than the store is read, to about 10,000 events/s a segment.
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(
                        KafkaPublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        config -> TrackingEventProcessorConfiguration
                                .forParallelProcessing(publisher.getSegments())
                                .andInitialSegmentsCount(publisher.getSegments())
                                .andBatchSize(publisher.getBatchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerEventHandler(config -> kafkaPublisher)
                .assignHandlerInstancesMatching(KafkaPublisher.PROCESSING_GROUP, 100, handler -> handler == kafkaPublisher)
                // Axon's meters look their meters up for every message: a fifth of the publisher's CPU. Its lag
                // (soleus.kafka.publish.lag) and the producer's own metrics say what they would.
                .registerMessageMonitor(KafkaPublisher.PROCESSING_GROUP, config -> NoOpMessageMonitor.INSTANCE));
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaConsumers kafkaConsumers(KafkaBridgeProperties properties, Environment environment) {
        return new KafkaConsumers(properties.getBootstrapServers(), applicationName(environment));
    }

    /** Every Kafka-fed processing group: its source, its segments, its inbox and its dead-letter queue. */
    @Bean
    ConfigurerModule kafkaConsumerProcessors(KafkaBridgeProperties properties, KafkaConsumers consumers,
                                             CloudEventMapping mapping, JdbcTemplate jdbc, MeterRegistry meters,
                                             ConnectionProvider connectionProvider, DeadLetterSchema deadLetterSchema,
                                             Traces traces) {
        return configurer -> configurer.eventProcessing(processing -> properties.getConsumers().forEach((group, settings) -> {
            Supplier<Consumer<String, byte[]>> consumerFactory = () -> consumers.create(group);
            processing.registerPooledStreamingEventProcessor(
                    group,
                    config -> new KafkaEventSource(consumerFactory, settings.getTopics(), mapping, meters, group),
                    (config, builder) -> builder
                            .batchSize(settings.getBatchSize())
                            .initialSegmentCount(settings.getSegments())
                            .maxClaimedSegments(settings.getMaxClaimedSegments())
                            // from the first record, and not flagged as a replay (Axon's default start is)
                            .initialToken(StreamableMessageSource::createTailToken));
            // each record's handling continues the trace it came with, a copy the inbox drops included
            processing.registerHandlerInterceptor(group, config -> new TracedHandling(traces));
            processing.registerHandlerInterceptor(group, config -> new KafkaInbox(group, jdbc));
            processing.registerEventHandler(config -> new KafkaInbox.Reset(group, jdbc));
            processing.assignHandlerInstancesMatching(group, 100,
                    handler -> handler instanceof KafkaInbox.Reset reset && reset.resets(group));
            // a record the group cannot read is parked (or stops the segment), never skipped
            processing.registerEventHandler(config -> new UnreadableRecordParking(group, mapping, config::eventProcessingConfiguration));
            processing.assignHandlerInstancesMatching(group, 100,
                    handler -> handler instanceof UnreadableRecordParking unreadable && unreadable.serves(group));
            if (settings.isDeadLetterQueue()) {
                // a reset empties the queue too, or replayed events would queue up behind stale letters
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, builder) -> builder.allowReset(true)
                                // remembers per segment which aggregates are parked: no query per event
                                .enableSequenceIdentifierCache());
                processing.registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(config.getComponent(TransactionManager.class))
                        .schema(deadLetterSchema)
                        .genericSerializer(config.serializer())
                        .eventSerializer(config.eventSerializer())
                        .build());
            }
        }));
    }

    @Bean
    KafkaInboxPruner kafkaInboxPruner(JdbcTemplate jdbc, KafkaBridgeProperties properties) {
        return new KafkaInboxPruner(jdbc, properties.getInboxRetention());
    }

    /** Names this service in client ids and in the CloudEvents source. */
    private static String applicationName(Environment environment) {
        return environment.getProperty("spring.application.name", "soleus-service");
    }

    /** Makes the consumers a Kafka source reads with: assigned partitions, no group, no offset commits. */
    public static final class KafkaConsumers {
        private final String bootstrapServers;
        private final String clientIdPrefix;

        public KafkaConsumers(String bootstrapServers, String clientIdPrefix) {
            this.bootstrapServers = bootstrapServers;
            this.clientIdPrefix = clientIdPrefix;
        }

        public Consumer<String, byte[]> create(String purpose) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + purpose);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            // partitions and topics created later are seen within seconds, not the default five minutes
            config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        }
    }
}
