package io.soleus.platform.crypto;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.soleus.kernel.id.ClientId;

/**
 * A service's store of clients' keys. The platform's is a table ({@link JdbcClientKeys}); a KMS or
 * Vault holding one key per client could implement the same: made on first use, found by id, and
 * deleted for good when the client is forgotten.
 */
public interface ClientKeys {

    /** A key of one client, by its id; {@code owner} is the service that made it. */
    record ClientKey(UUID id, ClientId client, String owner, SecretKey secret) {
    }

    /** This service's key for {@code client}, made and shared on first use; empty once the client is forgotten. */
    Optional<ClientKey> own(ClientId client);

    /** A key by its id, this service's or one another service shared. */
    Optional<ClientKey> find(UUID keyId);

    /** Keeps a key another service shared, unless its client was forgotten here. */
    default void keep(ClientKey key) {
        keepAll(List.of(key));
    }

    /** Keeps keys other services shared, as {@link #keep(ClientKey)} does, in one go (a replica's batch). */
    void keepAll(List<ClientKey> keys);

    /** Deletes every key of {@code client} and remembers them as forgotten; answers the ids deleted. */
    List<UUID> forget(ClientId client);

    boolean forgotten(ClientId client);
}
