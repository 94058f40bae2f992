package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Grid core on its own, for its integration tests (no security: that is web-app's). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GridCoreTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridCoreTestApplication.class, args);
    }
}
