package io.soleus.platform.crypto;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.live.DatabaseSignals;
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
 * memory for a short while; forgetting signals every instance of the service on commit
 * ({@link #FORGOTTEN_SIGNAL}, PostgreSQL's {@code NOTIFY}), and each drops what it held of the client
 * at once, so none opens a forgotten client's value from its memory (at the latest when the memory
 * runs out, should the signal be lost).
 */
public class JdbcClientKeys implements ClientKeys {

    /** The database signal that names a client just forgotten, heard by every instance of the service. */
    public static final String FORGOTTEN_SIGNAL = "soleus_client_forgotten";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate inTransaction;
    private final SecretKey keyEncryptionKey;
    private final String owner;
    private final KeySharing sharing;
    private final Cache<UUID, ClientKey> byId;
    private final Cache<ClientId, ClientKey> ownByClient;
    private final Cache<ClientId, Boolean> forgotten;

    public JdbcClientKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretKey keyEncryptionKey,
                          String owner, KeySharing sharing, Duration remembered) {
        this.jdbc = jdbc;
        // the caller's transaction where there is one (an event's append, a projection's batch): a new
        // connection inside it could exhaust the pool under many first seals at once
        this.inTransaction = new TransactionTemplate(transactions);
        this.inTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.keyEncryptionKey = keyEncryptionKey;
        this.owner = owner;
        this.sharing = sharing;
        this.byId = remembered(remembered);
        this.ownByClient = remembered(remembered);
        this.forgotten = remembered(remembered);
    }

    /** Answers held for a while, at most 100,000 of them: the hot clients of the day. */
    private static <K, V> Cache<K, V> remembered(Duration duration) {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(duration).build();
    }

    @Override
    public Optional<ClientKey> own(ClientId client) {
        ClientKey known = ownByClient.getIfPresent(client);
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
        Boolean inserted = inTransaction.execute(status -> jdbc.update("""
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
        ClientKey known = byId.getIfPresent(keyId);
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
    public void keepAll(List<ClientKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        // never for a client forgotten here, whatever this instance remembers
        inTransaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                INSERT INTO client_key (key_id, client_id, owner, wrapped, shared_at)
                SELECT ?, ?, ?, ?, now() WHERE NOT EXISTS (SELECT 1 FROM forgotten_client WHERE client_id = ?)
                ON CONFLICT DO NOTHING""", keys.stream().map(key -> new Object[] {key.id(), key.client().value(), key.owner(),
                KeyWrapping.wrap(keyEncryptionKey, key), key.client().value()}).toList()));
    }

    @Override
    public List<UUID> forget(ClientId client) {
        record Forgetting(boolean news, List<UUID> deleted) {
        }
        Forgetting forgetting = inTransaction.execute(status -> {
            boolean news = jdbc.update("INSERT INTO forgotten_client (client_id) VALUES (?) ON CONFLICT DO NOTHING",
                    client.value()) == 1;
            List<UUID> keys = jdbc.queryForList("DELETE FROM client_key WHERE client_id = ? RETURNING key_id", UUID.class,
                    client.value());
            keys.forEach(key -> jdbc.update("INSERT INTO key_tombstone (key_id, client_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    key, client.value()));
            DatabaseSignals.signal(jdbc, FORGOTTEN_SIGNAL, client.toString());
            return new Forgetting(news, keys);
        });
        drop(client);
        forgotten.put(client, true);
        if (forgetting.news() || !forgetting.deleted().isEmpty()) {
            sharing.nudge(); // the tombstones, and the lasting record that says the client is forgotten
        }
        return forgetting.deleted();
    }

    /**
     * What this instance holds of a client another instance just forgot ({@link #FORGOTTEN_SIGNAL}'s
     * payload), or of every client after signals may have been missed.
     */
    public void heard(String signal) {
        if (DatabaseSignals.RESYNC.equals(signal)) {
            byId.invalidateAll();
            ownByClient.invalidateAll();
            forgotten.invalidateAll();
        } else {
            drop(ClientId.of(signal));
        }
    }

    private void drop(ClientId client) {
        forgotten.invalidate(client);
        ownByClient.invalidate(client);
        byId.asMap().values().removeIf(key -> key.client().equals(client));
    }

    @Override
    public boolean forgotten(ClientId client) {
        Boolean known = forgotten.getIfPresent(client);
        if (known != null) {
            return known;
        }
        boolean answer = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM forgotten_client WHERE client_id = ?)", Boolean.class, client.value()));
        forgotten.put(client, answer);
        return answer;
    }
}
