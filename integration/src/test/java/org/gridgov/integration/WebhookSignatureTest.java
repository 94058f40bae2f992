package org.gridgov.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridgov.integration.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // computed independently: printf '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_test
    static final String KNOWN = "t=1700000000,v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8";

    @Test
    void signs_timestamp_and_body_with_hmac_sha256() {
        assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"id\":\"e1\"}")).isEqualTo(KNOWN);
    }

    @Test
    void a_receiver_accepts_the_signature_and_refuses_tampering_and_replays() {
        String body = "{\"id\":\"e1\"}";
        String header = WebhookSignature.header("whsec_test", 1700000000L, body);

        assertThat(WebhookSignature.verify("whsec_test", header, body, 1700000100L, 300)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, body.replace("e1", "e2"), 1700000100L, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, body, 1700000100L, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, body, 1700000000L + 301, 300)).as("replayed late")
            .isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "t=1700000000", body, 1700000000L, 300)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", null, body, 1700000000L, 300)).isFalse();
    }
}
