package org.gridgov.resident.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.resident.PersonalDataKeyPolicy;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.crypto.AesGcmDataCipher;
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

    private final AesGcmDataCipher aes;
    private final SecretKeySpec indexKey;
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
        else if (usesPublishedKeys(configured, index) && (policy.isEmpty() || !policy.get().developmentKeysAllowed())) {
            throw new IllegalStateException("gridgov.residents.crypto.* holds the PUBLISHED DEVELOPMENT KEYS, which "
                    + "everyone can read in the source code; they are refused outside the embedded development "
                    + "database. Generate your own keys (head -c 32 /dev/urandom | base64). See docs/SECURITY.md.");
        }
        Map<String, byte[]> keyBytes = new HashMap<>();
        configured.forEach((id, key) -> keyBytes.put(id, decode(key, "gridgov.residents.crypto.keys." + id)));
        for (Map.Entry<String, byte[]> key : keyBytes.entrySet()) {
            if (key.getValue().length != 32) {
                throw new IllegalStateException("gridgov.residents.crypto.keys." + key.getKey()
                        + " must be 32 bytes (AES-256)");
            }
        }
        if (active == null || !keyBytes.containsKey(active)) {
            throw new IllegalStateException("gridgov.residents.crypto.active-key-id must name one of the keys "
                    + keyBytes.keySet());
        }
        this.aes = new AesGcmDataCipher(keyBytes, active);
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

    private static boolean usesPublishedKeys(Map<String, String> configured, String index) {
        byte[] developmentKey = Base64.getDecoder().decode(DEVELOPMENT_KEY);
        byte[] developmentIndexKey = Base64.getDecoder().decode(DEVELOPMENT_INDEX_KEY);
        boolean key = configured.entrySet().stream()
            .anyMatch(entry -> java.util.Arrays.equals(developmentKey,
                    decode(entry.getValue(), "gridgov.residents.crypto.keys." + entry.getKey())));
        return key || java.util.Arrays.equals(developmentIndexKey, decode(index, "gridgov.residents.crypto.index-key"));
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
        return aes.encrypt(value, purpose);
    }

    /** The plaintext of a stored value, with whichever configured key it names. */
    @Override
    public String decrypt(byte[] stored, String purpose) {
        return aes.decrypt(stored, purpose);
    }

    /** The key id a stored value was encrypted with (for re-encryption after a rotation). */
    public static String keyIdOf(byte[] stored) {
        return AesGcmDataCipher.keyIdOf(stored);
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
