package io.soleus.kernel.codec;

import java.util.Optional;

import io.soleus.kernel.id.ClientId;

/**
 * Seals and opens a client's personal values with that client's key. The platform implements it
 * with a key store per service; the codec only decides which values are personal ({@link Personal}).
 */
public interface PersonalData {

    /** {@code text} sealed for {@code client}: opaque text naming the key it was sealed with. */
    String seal(ClientId client, String text);

    /** The text of a value sealed for {@code client}; empty once the client is forgotten (the key is gone). */
    Optional<String> open(ClientId client, String sealed);

    /** Whether {@code client} was forgotten: their personal values written in clear before sealing read as erased too. */
    boolean forgotten(ClientId client);

    /**
     * The key a value was sealed with has not reached this service yet (another service made it a moment
     * ago): reading the event must wait and try again, never treat it as unreadable.
     */
    class KeyNotYetAvailable extends RuntimeException {
        public KeyNotYetAvailable(String message) {
            super(message);
        }
    }
}
