package org.gridgov.platform.startup;

import org.gridgov.shared.startup.StartupWork;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code startupWork} component of readiness (issue 18): OUT_OF_SERVICE, naming the task, while the start-up
 * work (first administrator, demo data, grid index, warm-up) still runs in the background; DOWN if it failed; UP
 * when done. Liveness does not include it: the process is alive, only not ready yet.
 */
@Configuration(proxyBeanMethods = false)
class StartupHealthConfiguration {

    @Bean
    HealthIndicator startupWorkHealthIndicator(StartupWork work) {
        return () -> {
            if (work.failure() != null) {
                return Health.down().withDetail("error", String.valueOf(work.failure().getMessage())).build();
            }
            if (!work.done()) {
                return Health.outOfService().withDetail("running", String.valueOf(work.current())).build();
            }
            return Health.up().withDetail("tookMs", work.tookMillis()).build();
        };
    }
}
