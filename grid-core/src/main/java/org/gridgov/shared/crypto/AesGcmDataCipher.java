package org.gridgov.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's AES-256-GCM {@link DataCipher} with key rotation. A value is stored as
 * {@code [1][key id length][key id][12-byte nonce][ciphertext + 16-byte tag]}: the key id travels with the value, so
 * keys rotate by adding a new active key while the old ones stay configured for reading. The purpose is bound as
 * associated data, so a value copied into another column (or another kind of secret) does not decrypt.
 * <p>
 * Not a bean by itself: the residents module builds it from its configured keys; tests build it from theirs.
 */
public final class AesGcmDataCipher implements DataCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys AES-256 keys (32 bytes each) by key id
     * @param activeKeyId the key new values are encrypted with
     */
    public AesGcmDataCipher(Map<String, byte[]> keys, String activeKeyId) {
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalStateException("Key '" + id + "' must be 32 bytes (AES-256)");
            }
            if (id.getBytes(StandardCharsets.UTF_8).length > 100) {
                throw new IllegalStateException("Key id too long: " + id);
            }
            this.keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (activeKeyId == null || !this.keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("The active key id must name one of the keys " + this.keys.keySet());
        }
        this.activeKeyId = activeKeyId;
    }

    @Override
    public byte[] encrypt(String value, String purpose) {
        if (value == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] id = activeKeyId.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + id.length + NONCE_BYTES + sealed.length).put(FORMAT).put((byte) id.length)
                .put(id).put(nonce).put(sealed).array();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Encryption failed", ex);
        }
    }

    @Override
    public String decrypt(byte[] stored, String purpose) {
        if (stored == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        if (buffer.get() != FORMAT) {
            throw new IllegalStateException("Unknown encrypted data format");
        }
        byte[] id = new byte[buffer.get()];
        buffer.get(id);
        String keyId = new String(id, StandardCharsets.UTF_8);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Data encrypted with key '" + keyId + "', which is not configured");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Encrypted data does not decrypt (tampered, or the wrong column)", ex);
        }
    }

    /** The key id a stored value was encrypted with (for re-encryption after a rotation). */
    public static String keyIdOf(byte[] stored) {
        return new String(stored, 2, stored[1], StandardCharsets.UTF_8);
    }
}
