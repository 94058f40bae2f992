package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import org.gridgov.testing.TestCallerConfiguration;

/**
 * Grid core on its own, for its integration tests (no security: that is the web app's). Caller and data scope come
 * from {@link TestCallerConfiguration}: city-wide unless a test narrows it or a request names its caller.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TestCallerConfiguration.class)
public class GridCoreTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridCoreTestApplication.class, args);
    }
}
