package io.soleus.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 256-bit key, for the two layers of crypto-shredding: a client's key seals their
 * values, and the platform's key-encryption key wraps clients' keys wherever they are stored or
 * shared. Each sealing has a fresh 96-bit nonce, and is bound to what it belongs to (associated data),
 * so a sealed value cannot be moved to another client or key.
 */
final class KeyWrapping {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrapping() {
    }

    static SecretKey newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    /** The key-encryption key from its base64 text: 32 random bytes, from the environment, never the repository. */
    static SecretKey keyEncryptionKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("soleus.crypto.key-encryption-key is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("soleus.crypto.key-encryption-key must be 32 random bytes in base64 "
                    + "(e.g. openssl rand -base64 32), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    /** nonce ‖ ciphertext ‖ tag of {@code plain} under {@code key}, bound to {@code context}. */
    static byte[] seal(SecretKey key, byte[] plain, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    static byte[] open(SecretKey key, byte[] sealed, byte[] context) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("A sealed value too short to be one");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value does not open with its key: altered, or sealed for another", e);
        }
    }

    /** A client's key wrapped with the key-encryption key, bound to the key's id and client. */
    static byte[] wrap(SecretKey keyEncryptionKey, ClientKeys.ClientKey key) {
        return seal(keyEncryptionKey, key.secret().getEncoded(), context(key.id(), key.client().value()));
    }

    static SecretKey unwrap(SecretKey keyEncryptionKey, UUID keyId, UUID client, byte[] wrapped) {
        return new SecretKeySpec(open(keyEncryptionKey, wrapped, context(keyId, client)), "AES");
    }

    static byte[] context(UUID keyId, UUID client) {
        return (keyId + "/" + client).getBytes(StandardCharsets.US_ASCII);
    }
}
