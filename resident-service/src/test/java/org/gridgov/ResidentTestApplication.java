package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.gridgov.resident.RequestedIncidents;
import org.gridgov.testing.TestCallerConfiguration;

/**
 * The resident module with grid core, for its integration tests (no identity, no security: those are the web
 * app's). Caller and data scope come from {@link TestCallerConfiguration} (the {@code X-Test-Caller} header), the
 * personal-data keys from the test properties. The incident module is not here: the incidents residents ask for are
 * kept by {@link RequestedIncidents}, as the incident module would receive them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TestCallerConfiguration.class)
public class ResidentTestApplication {

    @Bean
    RequestedIncidents requestedIncidents() {
        return new RequestedIncidents();
    }

    public static void main(String[] args) {
        SpringApplication.run(ResidentTestApplication.class, args);
    }
}
