package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The platform: grid core and the service modules, assembled with security, the admin console and the
 * embedded PostgreSQL default. In the root package so that every module's entities and repositories are found.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GridGovApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridGovApplication.class, args);
    }
}
