package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import org.gridgov.points.PublishedRedemptions;
import org.gridgov.testing.TestCallerConfiguration;

/**
 * The points module with grid core, for its integration tests: no identity, no login, no incident module (tests
 * publish the shared-kernel events the incident module would). Caller and data scope come from
 * {@link TestCallerConfiguration}: a request's {@code X-Test-Caller} header, or the system city-wide without one.
 * {@link PublishedRedemptions} records what the module tells integrators.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ TestCallerConfiguration.class, PublishedRedemptions.class })
public class PointsTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(PointsTestApplication.class, args);
    }
}
