package io.soleus.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import io.soleus.kernel.id.ClientId;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the keys other services share: reads the whole keys topic from its start when the service
 * starts, then follows it. A key is kept (still wrapped) in the service's key store; a tombstone, or
 * the lasting {@code client/forgotten} record, means its client was forgotten, and the service
 * forgets them too (and so tells the topic once more, which compaction folds into one record).
 */
public class SharedKeysReplica implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SharedKeysReplica.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Runnable provisionTopic;
    private final String topic;
    private final ClientKeys keys;
    private final SecretKey keyEncryptionKey;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public SharedKeysReplica(Supplier<Consumer<String, byte[]>> consumers, Runnable provisionTopic, String topic,
                             ClientKeys keys, SecretKey keyEncryptionKey) {
        this.consumers = consumers;
        this.provisionTopic = provisionTopic;
        this.topic = topic;
        this.keys = keys;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "shared-keys");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try (Consumer<String, byte[]> reading = consumers.get()) {
                consumer = reading;
                List<PartitionInfo> found = reading.partitionsFor(topic, Duration.ofSeconds(30));
                if (found == null || found.isEmpty()) {
                    provisionTopic.run();
                    throw new IllegalStateException("the keys topic " + topic + " did not exist yet");
                }
                List<TopicPartition> partitions = found.stream()
                        .map(partition -> new TopicPartition(topic, partition.partition())).toList();
                reading.assign(partitions);
                reading.seekToBeginning(partitions);
                while (running) {
                    List<ClientKeys.ClientKey> shared = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> record : reading.poll(Duration.ofMillis(500))) {
                        applyOrSkip(record, shared);
                    }
                    keys.keepAll(shared); // in one go: a start reads every key there is
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Reading the keys topic failed; starting again from its beginning: {}", e.toString());
                    pause();
                }
            }
        }
    }

    /** One bad record is logged and passed over: it must not keep every key after it from arriving. */
    private void applyOrSkip(ConsumerRecord<String, byte[]> record, List<ClientKeys.ClientKey> shared) {
        try {
            apply(record, shared);
        } catch (IllegalArgumentException | IllegalStateException unreadable) {
            log.error("A record on the keys topic that cannot be applied, at offset {} of partition {}: skipped ({})",
                    record.offset(), record.partition(), unreadable.getClass().getSimpleName());
        }
    }

    /**
     * A forgotten client is forgotten at once; a shared key joins {@code shared}, kept after the poll
     * (a key forgotten later in the same poll is then refused by the key store, which knows).
     */
    void apply(ConsumerRecord<String, byte[]> record, List<ClientKeys.ClientKey> shared) {
        String[] parts = record.key() == null ? new String[0] : record.key().split("/");
        if (parts.length != 2) {
            log.warn("A record on the keys topic without a client/key key, at offset {} of partition {}: skipped",
                    record.offset(), record.partition());
            return;
        }
        ClientId client = ClientId.of(parts[0]);
        if (KeySharing.FORGOTTEN.equals(parts[1])) {
            keys.forget(client);
            return;
        }
        UUID keyId = UUID.fromString(parts[1]);
        if (record.value() == null) {
            keys.forget(client);
        } else {
            Header owner = record.headers().lastHeader(KeySharing.OWNER);
            if (owner == null) {
                log.warn("A key on the keys topic without its owner, at offset {} of partition {}: skipped",
                        record.offset(), record.partition());
                return;
            }
            SecretKey secret;
            try {
                secret = KeyWrapping.unwrap(keyEncryptionKey, keyId, client.value(), record.value());
            } catch (IllegalStateException notOurs) {
                log.error("A key on the keys topic does not unwrap with this service's key-encryption key (is "
                        + "SOLEUS_KEY_ENCRYPTION_KEY the same for every service?), at offset {} of partition {}: skipped",
                        record.offset(), record.partition());
                return;
            }
            shared.add(new ClientKeys.ClientKey(keyId, client, new String(owner.value(), StandardCharsets.UTF_8), secret));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        Thread following = thread;
        if (following != null) {
            try {
                following.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
