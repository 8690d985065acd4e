package io.soleus.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.soleus.kernel.id.ClientId;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shares this service's clients' keys with the other services on the keys topic, a compacted topic
 * keyed by {@code client/key}: each new key (wrapped with the key-encryption key), a tombstone for
 * each key of a forgotten client, which compaction then removes for good, and for each forgotten
 * client a lasting {@code client/forgotten} record, which compaction keeps: a service that reads the
 * topic from its start after the tombstones are gone still learns the client is forgotten, rather
 * than wait for their keys for ever. The key store is the outbox: what the topic has not
 * acknowledged yet is sent again, so making or forgetting a key never waits for Kafka, and a service
 * reading an event sealed with a key not yet shared waits for it.
 */
public class KeySharing implements SmartLifecycle, AutoCloseable {

    /** The header naming the service that made a key. */
    static final String OWNER = "owner";
    /** The second half of the lasting record's key that says a client is forgotten. */
    static final String FORGOTTEN = "forgotten";
    private static final Logger log = LoggerFactory.getLogger(KeySharing.class);
    private static final int BATCH = 500;

    private final Producer<String, byte[]> producer;
    private final JdbcTemplate jdbc;
    private final String topic;
    private final String owner;
    private final Duration every;
    private final Semaphore nudges = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    public KeySharing(Producer<String, byte[]> producer, JdbcTemplate jdbc, String topic, String owner, Duration every) {
        this.producer = producer;
        this.jdbc = jdbc;
        this.topic = topic;
        this.owner = owner;
        this.every = every;
    }

    /** Something is waiting to be shared: share it now rather than at the next round. */
    void nudge() {
        nudges.release();
    }

    /** Sends what the topic has not taken yet; answers how many records it took. */
    int shareOutstanding() throws Exception {
        record Unshared(UUID key, UUID client, byte[] wrapped) {
        }
        List<Unshared> keys = jdbc.query("SELECT key_id, client_id, wrapped FROM client_key WHERE owner = ? AND shared_at IS NULL"
                + " LIMIT " + BATCH, (row, i) -> new Unshared(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                row.getBytes(3)), owner);
        List<Unshared> tombstones = jdbc.query("SELECT key_id, client_id FROM key_tombstone LIMIT " + BATCH,
                (row, i) -> new Unshared(row.getObject(1, UUID.class), row.getObject(2, UUID.class), null));
        List<UUID> forgotten = jdbc.queryForList("SELECT client_id FROM forgotten_client WHERE shared_at IS NULL LIMIT " + BATCH,
                UUID.class);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Unshared key : keys) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, recordKey(new ClientId(key.client()), key.key()),
                    key.wrapped());
            record.headers().add(OWNER, owner.getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        }
        for (Unshared tombstone : tombstones) {
            sent.add(producer.send(new ProducerRecord<>(topic, recordKey(new ClientId(tombstone.client()), tombstone.key()), null)));
        }
        for (UUID client : forgotten) {
            sent.add(producer.send(new ProducerRecord<>(topic, forgottenKey(new ClientId(client)),
                    FORGOTTEN.getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<RecordMetadata> send : sent) {
            send.get(30, TimeUnit.SECONDS);
        }
        if (!keys.isEmpty()) {
            jdbc.update(connection -> {
                var update = connection.prepareStatement("UPDATE client_key SET shared_at = now() WHERE key_id = ANY (?)");
                update.setArray(1, connection.createArrayOf("uuid", keys.stream().map(Unshared::key).toArray()));
                return update;
            });
        }
        if (!tombstones.isEmpty()) {
            jdbc.update(connection -> {
                var delete = connection.prepareStatement("DELETE FROM key_tombstone WHERE key_id = ANY (?)");
                delete.setArray(1, connection.createArrayOf("uuid", tombstones.stream().map(Unshared::key).toArray()));
                return delete;
            });
        }
        if (!forgotten.isEmpty()) {
            jdbc.update(connection -> {
                var update = connection.prepareStatement("UPDATE forgotten_client SET shared_at = now() WHERE client_id = ANY (?)");
                update.setArray(1, connection.createArrayOf("uuid", forgotten.toArray()));
                return update;
            });
        }
        return sent.size();
    }

    static String recordKey(ClientId client, UUID key) {
        return client + "/" + key;
    }

    static String forgottenKey(ClientId client) {
        return client + "/" + FORGOTTEN;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::share, "key-sharing");
        thread.setDaemon(true);
        thread.start();
    }

    private void share() {
        while (running) {
            try {
                if (shareOutstanding() < BATCH) {
                    nudges.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
                    nudges.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running) {
                    log.warn("Sharing clients' keys on the keys topic failed; trying again: {}", e.toString());
                    try {
                        nudges.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread sharing = thread;
        if (sharing != null) {
            sharing.interrupt();
            try {
                sharing.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
