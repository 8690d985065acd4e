package io.soleus.platform.crypto;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import io.soleus.kernel.id.ClientId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients' keys in the service's own table, each wrapped with the platform's key-encryption key. A
 * new key is written in the transaction of what needed it (a key whose event rolled back seals
 * nothing) and shared on the
 * keys topic a moment later ({@link KeySharing}); forgetting deletes the keys at once and leaves their
 * ids for the topic's tombstones. Keys and "forgotten" answers are held in
 * memory for a short while: another instance's forgetting reaches this one within that time, the
 * keys topic's tombstones and the {@code ClientForgotten} event sooner.
 */
public class JdbcClientKeys implements ClientKeys {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecretKey keyEncryptionKey;
    private final String owner;
    private final KeySharing sharing;
    private final Remembered<UUID, ClientKey> byId;
    private final Remembered<ClientId, ClientKey> ownByClient;
    private final Remembered<ClientId, Boolean> forgotten;

    public JdbcClientKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretKey keyEncryptionKey,
                          String owner, KeySharing sharing, Duration remembered) {
        this.jdbc = jdbc;
        // the caller's transaction where there is one (an event's append, a projection's batch): a new
        // connection inside it could exhaust the pool under many first seals at once
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.keyEncryptionKey = keyEncryptionKey;
        this.owner = owner;
        this.sharing = sharing;
        this.byId = new Remembered<>(remembered);
        this.ownByClient = new Remembered<>(remembered);
        this.forgotten = new Remembered<>(remembered);
    }

    @Override
    public Optional<ClientKey> own(ClientId client) {
        ClientKey known = ownByClient.get(client);
        if (known != null) {
            return Optional.of(known);
        }
        if (forgotten(client)) {
            return Optional.empty();
        }
        Optional<ClientKey> stored = stored(client);
        if (stored.isPresent()) {
            return stored;
        }
        ClientKey made = new ClientKey(UUID.randomUUID(), client, owner, KeyWrapping.newKey());
        // never for a client forgotten meanwhile, whatever this instance remembered
        Boolean inserted = ownTransaction.execute(status -> jdbc.update("""
                INSERT INTO client_key (key_id, client_id, owner, wrapped)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM forgotten_client WHERE client_id = ?)
                ON CONFLICT (client_id, owner) DO NOTHING""",
                made.id(), client.value(), owner, KeyWrapping.wrap(keyEncryptionKey, made), client.value()) == 1);
        if (Boolean.TRUE.equals(inserted)) {
            sharing.nudge();
        }
        return stored(client); // ours, or the one another instance made a moment before
    }

    private Optional<ClientKey> stored(ClientId client) {
        Optional<ClientKey> key = jdbc.query("SELECT key_id, wrapped FROM client_key WHERE client_id = ? AND owner = ?",
                (row, i) -> new ClientKey(row.getObject(1, UUID.class), client, owner,
                        KeyWrapping.unwrap(keyEncryptionKey, row.getObject(1, UUID.class), client.value(), row.getBytes(2))),
                client.value(), owner).stream().findFirst();
        key.ifPresent(found -> {
            ownByClient.put(client, found);
            byId.put(found.id(), found);
        });
        return key;
    }

    @Override
    public Optional<ClientKey> find(UUID keyId) {
        ClientKey known = byId.get(keyId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ClientKey> key = jdbc.query("SELECT client_id, owner, wrapped FROM client_key WHERE key_id = ?",
                (row, i) -> new ClientKey(keyId, new ClientId(row.getObject(1, UUID.class)), row.getString(2),
                        KeyWrapping.unwrap(keyEncryptionKey, keyId, row.getObject(1, UUID.class), row.getBytes(3))),
                keyId).stream().findFirst();
        key.ifPresent(found -> byId.put(keyId, found));
        return key;
    }

    @Override
    public void keep(ClientKey key) {
        if (forgotten(key.client())) {
            return;
        }
        jdbc.update("""
                INSERT INTO client_key (key_id, client_id, owner, wrapped, shared_at) VALUES (?, ?, ?, ?, now())
                ON CONFLICT DO NOTHING""",
                key.id(), key.client().value(), key.owner(), KeyWrapping.wrap(keyEncryptionKey, key));
    }

    @Override
    public List<UUID> forget(ClientId client) {
        List<UUID> deleted = ownTransaction.execute(status -> {
            jdbc.update("INSERT INTO forgotten_client (client_id) VALUES (?) ON CONFLICT DO NOTHING", client.value());
            List<UUID> keys = jdbc.queryForList("DELETE FROM client_key WHERE client_id = ? RETURNING key_id", UUID.class,
                    client.value());
            keys.forEach(key -> jdbc.update("INSERT INTO key_tombstone (key_id, client_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    key, client.value()));
            return keys;
        });
        forgotten.put(client, true);
        ownByClient.remove(client);
        byId.removeIf(key -> key.client().equals(client));
        if (deleted != null && !deleted.isEmpty()) {
            sharing.nudge();
        }
        return deleted == null ? List.of() : deleted;
    }

    @Override
    public boolean forgotten(ClientId client) {
        Boolean known = forgotten.get(client);
        if (known != null) {
            return known;
        }
        boolean answer = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM forgotten_client WHERE client_id = ?)", Boolean.class, client.value()));
        forgotten.put(client, answer);
        return answer;
    }

    /** Answers held for a while, at most 100,000 of them: the hot clients of the day. */
    static final class Remembered<K, V> {

        private static final int MOST = 100_000;

        private record Entry<V>(V value, long until) {
        }

        private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
        private final long forNanos;

        Remembered(Duration duration) {
            this.forNanos = duration.toNanos();
        }

        V get(K key) {
            Entry<V> entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (System.nanoTime() - entry.until() > 0) {
                entries.remove(key, entry);
                return null;
            }
            return entry.value();
        }

        void put(K key, V value) {
            if (entries.size() >= MOST) {
                entries.clear(); // rarely: refilled from the table as needed
            }
            entries.put(key, new Entry<>(value, System.nanoTime() + forNanos));
        }

        void remove(K key) {
            entries.remove(key);
        }

        void removeIf(java.util.function.Predicate<V> matching) {
            entries.values().removeIf(entry -> matching.test(entry.value()));
        }
    }
}
