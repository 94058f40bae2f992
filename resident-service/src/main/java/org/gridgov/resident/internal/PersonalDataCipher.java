package org.gridgov.resident.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.resident.PersonalDataKeyPolicy;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.crypto.DataCipher;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal data with AES-256-GCM and computes its blind index (HMAC-SHA256). A value is stored as
 * {@code [1][key id length][key id][12-byte nonce][ciphertext + 16-byte tag]}: the key id travels with the value, so
 * keys rotate by adding a new active key while the old ones stay configured for reading. The field's purpose
 * ({@code id_number}, {@code phone}, …) is bound as associated data, so a value copied into another column does not
 * decrypt. It is also the platform's {@link DataCipher}: other modules keep their secrets (webhook signing secrets)
 * encrypted with the same keys.
 */
@Component
public class PersonalDataCipher implements DataCipher {

    /** Published development keys: only for the embedded development database, never for real data. */
    static final String DEVELOPMENT_KEY_ID = "dev";
    static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcmVhbC1kYXQ=";
    static final String DEVELOPMENT_INDEX_KEY = "ZGV2ZWxvcG1lbnQtaW5kZXgta2V5LW5vdC1mb3ItcmVhbA==";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> macs;

    PersonalDataCipher(ResidentProperties properties, Optional<PersonalDataKeyPolicy> policy) {
        ResidentProperties.Crypto crypto = properties.crypto();
        Map<String, String> configured = crypto == null || crypto.keys() == null ? Map.of() : crypto.keys();
        String active = crypto == null ? null : crypto.activeKeyId();
        String index = crypto == null ? null : crypto.indexKey();
        if (configured.isEmpty() || index == null || index.isBlank()) {
            if (policy.isEmpty() || !policy.get().developmentKeysAllowed()) {
                throw new IllegalStateException("No keys for personal data: set gridgov.residents.crypto.keys.<id> "
                        + "(AES-256, Base64), gridgov.residents.crypto.active-key-id and "
                        + "gridgov.residents.crypto.index-key (HMAC, Base64, 32+ bytes) — e.g. "
                        + "GRIDGOV_RESIDENTS_CRYPTO_KEYS_K1, GRIDGOV_RESIDENTS_CRYPTO_ACTIVEKEYID=k1, "
                        + "GRIDGOV_RESIDENTS_CRYPTO_INDEXKEY. See docs/SECURITY.md.");
            }
            log.warn("Personal data is encrypted with the PUBLISHED DEVELOPMENT KEYS (embedded database only). "
                    + "Never keep real residents' data like this: configure gridgov.residents.crypto.*");
            configured = Map.of(DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY);
            active = DEVELOPMENT_KEY_ID;
            index = DEVELOPMENT_INDEX_KEY;
        }
        configured.forEach((id, key) -> {
            byte[] bytes = decode(key, "gridgov.residents.crypto.keys." + id);
            if (bytes.length != 32) {
                throw new IllegalStateException("gridgov.residents.crypto.keys." + id + " must be 32 bytes (AES-256)");
            }
            if (id.getBytes(StandardCharsets.UTF_8).length > 100) {
                throw new IllegalStateException("Key id too long: " + id);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
        if (active == null || !keys.containsKey(active)) {
            throw new IllegalStateException("gridgov.residents.crypto.active-key-id must name one of the keys "
                    + keys.keySet());
        }
        this.activeKeyId = active;
        byte[] indexBytes = decode(index, "gridgov.residents.crypto.index-key");
        if (indexBytes.length < 32) {
            throw new IllegalStateException("gridgov.residents.crypto.index-key must be at least 32 bytes");
        }
        this.indexKey = new SecretKeySpec(indexBytes, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(indexKey);
                return mac;
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static byte[] decode(String base64, String property) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(property + " is not Base64");
        }
    }

    /** The encrypted form of {@code value} (null stays null). */
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

    /** The plaintext of a stored value, with whichever configured key it names. */
    @Override
    public String decrypt(byte[] stored, String purpose) {
        if (stored == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        if (buffer.get() != FORMAT) {
            throw new IllegalStateException("Unknown personal data format");
        }
        byte[] id = new byte[buffer.get()];
        buffer.get(id);
        String keyId = new String(id, StandardCharsets.UTF_8);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Personal data encrypted with key '" + keyId + "', which is not configured");
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
            throw new IllegalStateException("Personal data does not decrypt (tampered, or the wrong column)", ex);
        }
    }

    /** The key id a stored value was encrypted with (for re-encryption after a rotation). */
    public static String keyIdOf(byte[] stored) {
        return new String(stored, 2, stored[1], StandardCharsets.UTF_8);
    }

    /** The blind index of a normalised value: equal values, equal hashes; no way back without the key. */
    public byte[] index(String normalised, String purpose) {
        if (normalised == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
    }
}
