package io.soleus.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.codec.PersonalData;
import io.soleus.kernel.id.ClientId;
import io.soleus.platform.crypto.ClientKeys.ClientKey;

/**
 * Seals a client's personal values with this service's key of theirs (AES-GCM, bound to the client
 * and key) as {@code v1.<key id>.<nonce, ciphertext and tag in base64>}, and opens values sealed with
 * any key of theirs this service holds. Once the client is forgotten their values open as nothing
 * (erased), and a value written for them afterwards (a parked event retried) is sealed with no key at
 * all. A key another service has just made may not have arrived yet: opening waits for it a while,
 * then fails, so the event is handled again later rather than read without it.
 */
public class SealedPersonalData implements PersonalData {

    static final String VERSION = "v1";
    /** What a value written for a forgotten client is: opens as erased. */
    static final String NO_KEY = VERSION + ".erased";

    private final ClientKeys keys;
    private final Duration keyWait;

    public SealedPersonalData(ClientKeys keys, Duration keyWait) {
        this.keys = keys;
        this.keyWait = keyWait;
    }

    @Override
    public String seal(ClientId client, String text) {
        Optional<ClientKey> key = keys.own(client);
        if (key.isEmpty()) {
            return NO_KEY;
        }
        byte[] sealed = KeyWrapping.seal(key.get().secret(), text.getBytes(StandardCharsets.UTF_8),
                KeyWrapping.context(key.get().id(), client.value()));
        return VERSION + "." + key.get().id() + "." + Base64.getEncoder().encodeToString(sealed);
    }

    @Override
    public Optional<String> open(ClientId client, String sealed) {
        if (NO_KEY.equals(sealed)) {
            return Optional.empty();
        }
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalStateException("Not a sealed value of a known version");
        }
        UUID keyId = UUID.fromString(parts[1]);
        Optional<ClientKey> key = key(keyId, client);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!key.get().client().equals(client)) {
            throw new IllegalStateException("A value sealed with another client's key");
        }
        byte[] plain = KeyWrapping.open(key.get().secret(), Base64.getDecoder().decode(parts[2]),
                KeyWrapping.context(keyId, client.value()));
        return Optional.of(new String(plain, StandardCharsets.UTF_8));
    }

    /** The key, waiting a while for one another service has shared but this one has not read yet; none once forgotten. */
    private Optional<ClientKey> key(UUID keyId, ClientId client) {
        long deadline = System.nanoTime() + keyWait.toNanos();
        while (true) {
            Optional<ClientKey> key = keys.find(keyId);
            if (key.isPresent()) {
                return key;
            }
            if (keys.forgotten(client)) {
                return Optional.empty();
            }
            if (System.nanoTime() - deadline > 0) {
                throw notYet(keyId);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notYet(keyId);
            }
        }
    }

    private static KeyNotYetAvailable notYet(UUID keyId) {
        return new KeyNotYetAvailable("Key " + keyId + " has not reached this service yet");
    }

    @Override
    public boolean forgotten(ClientId client) {
        return keys.forgotten(client);
    }

}
