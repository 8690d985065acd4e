package io.soleus.platform.crypto;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

import io.soleus.kernel.Topics;
import io.soleus.kernel.codec.EventCodec;
import io.soleus.kernel.codec.PersonalData;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.kafka.KafkaBridgeAutoConfiguration.KafkaConsumers;
import io.soleus.platform.kafka.CloudEventMapping;
import io.soleus.platform.kafka.KafkaBridgeAutoConfiguration;
import io.soleus.platform.kafka.KafkaBridgeProperties;
import io.soleus.platform.kafka.TopicProvisioning;
import io.soleus.platform.live.DatabaseSignals;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Crypto-shredding for a service whose events hold clients' personal data ({@code soleus.crypto.enabled}):
 * the service's key store, the keys topic that shares keys between the services, and the sealing of
 * every personal value in the event store, the dead-letter queues and on Kafka. The key-encryption
 * key comes from the environment ({@code SOLEUS_KEY_ENCRYPTION_KEY}, 32 random bytes in base64), the
 * same for every service of a practice, and never from the repository.
 */
@AutoConfiguration(after = KafkaBridgeAutoConfiguration.class)
@ConditionalOnProperty("soleus.crypto.enabled")
public class CryptoAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoAutoConfiguration.class);

    /** The key-encryption key and the rest of the settings, read once. */
    public record CryptoSettings(SecretKey keyEncryptionKey, String keysTopic, Duration remembered, Duration keyWait) {
    }

    @Bean
    CryptoSettings cryptoSettings(@Value("${soleus.crypto.key-encryption-key:}") String keyEncryptionKey,
                                  @Value("${soleus.crypto.keys-topic:" + Topics.KEYS + "}") String keysTopic,
                                  @Value("${soleus.crypto.remembered:30s}") Duration remembered,
                                  @Value("${soleus.crypto.key-wait:30s}") Duration keyWait) {
        return new CryptoSettings(KeyWrapping.keyEncryptionKey(keyEncryptionKey), keysTopic, remembered, keyWait);
    }

    /** Its own producer, not a bean: the publisher's is the service's one producer other code may ask for. */
    @Bean(destroyMethod = "close")
    KeySharing keySharing(KafkaBridgeProperties kafka, CryptoSettings settings, JdbcTemplate jdbc,
                          @Value("${spring.application.name}") String service) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-keys");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KeySharing(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), jdbc,
                settings.keysTopic(), service, Duration.ofSeconds(1));
    }

    @Bean
    JdbcClientKeys clientKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, CryptoSettings settings,
                              KeySharing sharing, @Value("${spring.application.name}") String service) {
        return new JdbcClientKeys(jdbc, transactions, settings.keyEncryptionKey(), service, sharing, settings.remembered());
    }

    /** Every instance drops what it holds of a client as soon as any instance forgets them. */
    @Bean
    DatabaseSignals clientKeySignals(DataSource dataSource, JdbcClientKeys keys, CryptoSettings settings) {
        DatabaseSignals signals = new DatabaseSignals(dataSource, "client-keys", settings.remembered());
        signals.on(JdbcClientKeys.FORGOTTEN_SIGNAL, keys::heard);
        return signals;
    }

    @Bean
    PersonalData personalData(ClientKeys keys, CryptoSettings settings) {
        return new SealedPersonalData(keys, settings.keyWait());
    }

    @Bean
    SharedKeysReplica sharedKeysReplica(KafkaConsumers consumers, CryptoSettings settings, ClientKeys keys,
                                        TopicProvisioning topics) {
        return new SharedKeysReplica(() -> consumers.create("keys"),
                () -> topics.provision(List.of(settings.keysTopic()), TopicProvisioning.Kind.KEYS), settings.keysTopic(),
                keys, settings.keyEncryptionKey());
    }

    /**
     * The keys topic made or checked before the service takes work, where the broker answers (else its
     * reader does so when it does): one whose settings would lose keys stops the start.
     */
    @Bean
    SmartInitializingSingleton keysTopicProvisioned(TopicProvisioning topics, CryptoSettings settings) {
        return () -> topics.provision(List.of(settings.keysTopic()), TopicProvisioning.Kind.KEYS);
    }


    /** The one-off job that copies this service's published events, sealed, to a new topic. */
    @Bean
    @ConditionalOnProperty("soleus.kafka.publisher.topic")
    Resealing resealing(EventStorageEngine events, EventCodec codec, CloudEventMapping mapping,
                        Producer<String, byte[]> producer, TopicProvisioning topics, KafkaBridgeProperties kafka) {
        return new Resealing(events, codec, mapping, producer, topics, kafka.getPublisher().getTopic());
    }

    /**
     * Run as a job: with {@code soleus.crypto.reseal-to} ({@code SOLEUS_CRYPTO_RESEAL_TO}) naming the new
     * topic, the service copies its events there once started, and then ends (exit code 0, or 1 if the
     * copy failed).
     */
    @Bean
    @ConditionalOnProperty({"soleus.kafka.publisher.topic", "soleus.crypto.reseal-to"})
    ApplicationRunner resealingJob(Resealing resealing, ConfigurableApplicationContext context,
                                   @Value("${soleus.crypto.reseal-to}") String target) {
        return arguments -> {
            int exit;
            try {
                resealing.copyTo(target);
                exit = 0;
            } catch (Exception e) {
                log.error("Resealing into {} failed: {}", target, e.toString());
                exit = 1;
            }
            int code = exit;
            System.exit(SpringApplication.exit(context, () -> code));
        };
    }

    /** The event store's and dead letters' serializer, with personal values sealed; the key store is found when first used. */
    @Bean
    static BeanPostProcessor sealingEventSerializer(ObjectProvider<PersonalData> personalData) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("eventSerializer".equals(name) && bean instanceof JacksonSerializer json) {
                    return new SealingSerializer(json, json.getObjectMapper(), new Later(personalData));
                }
                return bean;
            }
        };
    }

    /** The service's {@link PersonalData}, looked up on first use (a serializer is made before the key store is). */
    private record Later(ObjectProvider<PersonalData> provider) implements PersonalData {

        @Override
        public String seal(ClientId client, String text) {
            return provider.getObject().seal(client, text);
        }

        @Override
        public Optional<String> open(ClientId client, String sealed) {
            return provider.getObject().open(client, sealed);
        }

        @Override
        public boolean forgotten(ClientId client) {
            return provider.getObject().forgotten(client);
        }
    }
}
