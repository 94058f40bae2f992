package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import org.gridgov.testing.TestCallerConfiguration;

/**
 * The incident module on its own (with grid core, which it builds on), for its integration tests. No login: a
 * request's {@code X-Test-Caller} header says who calls ({@link TestCallerConfiguration}); which role may call which
 * URL at all is the web app's authorization, tested there. The settings the platform would supply (blob directory,
 * scheduling off, upload sizes) are in the tests' {@code application.properties}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TestCallerConfiguration.class)
public class IncidentTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IncidentTestApplication.class, args);
    }
}
