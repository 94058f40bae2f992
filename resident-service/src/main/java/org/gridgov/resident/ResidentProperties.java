package org.gridgov.resident;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Resident settings.
 *
 * @param crypto keys for personal data
 * @param care visit intervals per care level (三色服务)
 * @param importDirectory where uploaded import files wait for their job (a shared volume with several nodes)
 * @param maxImportSize the largest import file accepted
 * @param importWorkMem PostgreSQL {@code work_mem} for the set-based checks and writes of an import, so their sorts
 *        and hashes over a million staging rows stay in memory (set per transaction, not for the server)
 */
@ConfigurationProperties("gridgov.residents")
public record ResidentProperties(@DefaultValue Crypto crypto, @DefaultValue Care care,
        @DefaultValue("./data/imports") String importDirectory, @DefaultValue("200MB") DataSize maxImportSize,
        @DefaultValue("128MB") DataSize importWorkMem) {

    /**
     * @param keys AES-256 keys by key id, Base64; the id is stored with every encrypted value, so old keys stay
     *        readable while new values use {@code activeKeyId}
     * @param activeKeyId the key new values are encrypted with
     * @param indexKey the HMAC-SHA256 key of the search index (Base64, at least 32 bytes); it cannot rotate without
     *        re-indexing, since equal values must hash equally
     */
    public record Crypto(Map<String, String> keys, String activeKeyId, String indexKey) {
    }

    /** How often each care level must be visited. */
    public record Care(@DefaultValue("7d") Duration red, @DefaultValue("14d") Duration yellow,
            @DefaultValue("30d") Duration green) {

        public Duration interval(CareLevel level) {
            return switch (level) {
                case RED -> red;
                case YELLOW -> yellow;
                case GREEN -> green;
            };
        }
    }
}
