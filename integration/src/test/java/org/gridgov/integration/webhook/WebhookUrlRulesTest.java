package org.gridgov.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** Issue 16 #11: a subscription URL into an internal or special range is refused at creation, as production runs. */
class WebhookUrlRulesTest {

    final WebhookSubscriptionService service = new WebhookSubscriptionService(null, null, null, null, null,
            new WebhookProperties(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(1), 20,
                    Duration.ofHours(1), false, Duration.ofSeconds(2), Duration.ofSeconds(5), 20, 4,
                    Duration.ofMinutes(1)),
            new MockEnvironment(), null);

    @ParameterizedTest
    @ValueSource(strings = { "http://100.64.0.1/hook", "http://100.100.100.200/latest/meta-data",
            "http://169.254.169.254/", "http://0.1.2.3/", "http://10.0.0.1/", "http://[fd00::1]/hook",
            "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/",
            "http://224.0.0.1/", "http://255.255.255.255/", "http://[::]/", "http://localhost:9999/hook" })
    void refuses_urls_into_internal_or_special_ranges(String url) {
        assertThat(service.urlProblem(url)).as(url).contains("private network");
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://93.184.216.34/hook", "http://[2606:4700:4700::1111]/hook" })
    void accepts_urls_to_public_addresses(String url) {
        assertThat(service.urlProblem(url)).as(url).isNull();
    }
}
