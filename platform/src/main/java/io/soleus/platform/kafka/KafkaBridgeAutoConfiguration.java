package io.soleus.platform.kafka;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.soleus.kernel.codec.EventCodec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

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
     * One long-lived idempotent producer per service. {@code acks=all} with idempotence means an
     * acknowledged record is on every in-sync replica and a retried send is never duplicated by the
     * producer itself, and up to five in-flight requests keep order per partition.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    Producer<String, byte[]> kafkaPublisherProducer(KafkaBridgeProperties properties, Admin admin,
                                                    Environment environment) {
        ensureTopic(admin, properties.getPublisher().getTopic(), properties.getTopics());
        Map<String, Object> config = new HashMap<>(publisherProducerDefaults());
        config.putAll(properties.getPublisher().getProducer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG,
                applicationName(environment) + "-publisher");
        config.putAll(PUBLISHER_GUARANTEES);
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
                                  KafkaBridgeProperties properties, Admin admin,
                                  ObjectProvider<KafkaPublisher.AcknowledgedBatchListener> listeners) {
        String topic = properties.getPublisher().getTopic();
        return new KafkaPublisher(producer, codec, mapping, topic, Duration.ofSeconds(60),
                listeners.orderedStream().toList(), () -> ensureTopic(admin, topic, properties.getTopics()));
    }

    @Bean
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    ConfigurerModule kafkaPublisherProcessor(KafkaBridgeProperties properties, KafkaPublisher kafkaPublisher) {
        KafkaBridgeProperties.Publisher publisher = properties.getPublisher();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(
                        KafkaPublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        (config, builder) -> builder
                                .batchSize(publisher.getBatchSize())
                                .initialSegmentCount(publisher.getSegments())
                                .initialToken(StreamableMessageSource::createTailToken))
                .registerEventHandler(config -> kafkaPublisher)
                .assignHandlerInstancesMatching(KafkaPublisher.PROCESSING_GROUP, 100, handler -> handler == kafkaPublisher));
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaConsumers kafkaConsumers(KafkaBridgeProperties properties, Environment environment) {
        return new KafkaConsumers(properties.getBootstrapServers(), applicationName(environment));
    }

    /** Every Kafka-fed processing group: its source, its segments, its inbox and its dead-letter queue. */
    @Bean
    ConfigurerModule kafkaConsumerProcessors(KafkaBridgeProperties properties, KafkaConsumers consumers,
                                             CloudEventMapping mapping, JdbcTemplate jdbc,
                                             ConnectionProvider connectionProvider, DeadLetterSchema deadLetterSchema) {
        return configurer -> configurer.eventProcessing(processing -> properties.getConsumers().forEach((group, settings) -> {
            Supplier<Consumer<String, byte[]>> consumerFactory = () -> consumers.create(group);
            processing.registerPooledStreamingEventProcessor(
                    group,
                    config -> new KafkaEventSource(consumerFactory, settings.getTopics(), mapping),
                    (config, builder) -> builder
                            .batchSize(settings.getBatchSize())
                            .initialSegmentCount(settings.getSegments())
                            .maxClaimedSegments(settings.getMaxClaimedSegments())
                            // from the first record, and not flagged as a replay (Axon's default start is)
                            .initialToken(StreamableMessageSource::createTailToken));
            processing.registerHandlerInterceptor(group, config -> new KafkaInbox(group, jdbc));
            processing.registerEventHandler(config -> new KafkaInbox.Reset(group, jdbc));
            processing.assignHandlerInstancesMatching(group, 100,
                    handler -> handler instanceof KafkaInbox.Reset reset && reset.resets(group));
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

    static void ensureTopic(Admin admin, String topic, KafkaBridgeProperties.Topics settings) {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, settings.getPartitions(), settings.getReplicationFactor())))
                        .all().get(10, TimeUnit.SECONDS);
                log.info("Created topic {} with {} partitions", topic, settings.getPartitions());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create topic {}; the publisher retries once the broker has it", topic, e.getCause());
            }
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer while creating topic {}; the publisher retries until it does", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
