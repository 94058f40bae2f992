package org.gridgov.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

/** Issue 16 #11: the delivery client's only name resolution refuses internal addresses (unless tests allow them). */
class WebhookTargetsTest {

    @Test
    void a_host_resolving_to_an_internal_address_is_refused_at_connection_time() {
        WebhookTargets targets = new WebhookTargets(false);
        assertThatThrownBy(() -> targets.resolve("localhost"))
            .isInstanceOf(WebhookTargets.RefusedTargetException.class)
            .hasMessageContaining("loopback");
        assertThatThrownBy(() -> targets.resolve("100.100.100.200"))
            .isInstanceOf(WebhookTargets.RefusedTargetException.class)
            .hasMessageContaining("RFC 6598");
        assertThatThrownBy(() -> targets.resolve("::ffff:127.0.0.1"))
            .isInstanceOf(WebhookTargets.RefusedTargetException.class);
    }

    @Test
    void public_addresses_resolve_and_tests_may_allow_local_receivers() throws UnknownHostException {
        assertThat(new WebhookTargets(false).resolve("93.184.216.34")).hasSize(1);
        assertThat(new WebhookTargets(true).resolve("127.0.0.1")).hasSize(1);
    }
}
