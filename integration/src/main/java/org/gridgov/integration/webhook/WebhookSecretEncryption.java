package org.gridgov.integration.webhook;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.shared.crypto.DataCipher;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encrypts the signing secrets stored in plain text before they were kept encrypted (migration
 * {@code V2026_12_02_1000}), once, when the application is ready. Safe on several nodes starting together: a row is
 * only rewritten while its plain secret is still there, and the second node finds nothing left to do.
 */
@Component
public class WebhookSecretEncryption {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecretEncryption.class);

    private record Plain(long id, String secret) {
    }

    private final JdbcClient jdbc;
    private final DataCipher cipher;

    WebhookSecretEncryption(JdbcClient jdbc, DataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** Encrypts every secret still stored in plain text; how many it encrypted. */
    @EventListener(ApplicationReadyEvent.class)
    public int encryptPlainSecrets() {
        List<Plain> plain = jdbc.sql("select id, secret from webhook_subscription where secret is not null")
            .query(Plain.class).list();
        int encrypted = 0;
        for (Plain row : plain) {
            encrypted += jdbc.sql("""
                    update webhook_subscription set secret_enc = ?, secret = null
                     where id = ? and secret = ?""")
                .params(cipher.encrypt(row.secret(), WebhookSubscriptionService.SECRET_PURPOSE), row.id(), row.secret())
                .update();
        }
        if (encrypted > 0) {
            log.info("Encrypted the signing secrets of {} webhook subscriptions stored in plain text", encrypted);
        }
        return encrypted;
    }
}
