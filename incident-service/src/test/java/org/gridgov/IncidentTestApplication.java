package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.gridgov.shared.crypto.AesGcmDataCipher;
import org.gridgov.shared.crypto.DataCipher;
import org.gridgov.testing.TestCallerConfiguration;

/**
 * The incident module on its own (with grid core, which it builds on), for its integration tests. No login: a
 * request's {@code X-Test-Caller} header says who calls ({@link TestCallerConfiguration}); which role may call which
 * URL at all is the web app's authorization, tested there. The settings the platform would supply (blob directory,
 * scheduling off, upload sizes) are in the tests' {@code application.properties}; the platform's personal-data
 * cipher (the resident module's) is stood in for by the same AES-GCM cipher with a test key.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TestCallerConfiguration.class)
public class IncidentTestApplication {

    /** A published test key: these tests keep only made-up callers' contacts. */
    @Bean
    DataCipher testDataCipher() {
        return new AesGcmDataCipher(java.util.Map.of("test",
                java.util.Base64.getDecoder().decode("4ZDJ6DEBCLdBFkQB0Dk1jYGTJ1zc2ln2lK/L4bdZl5Q=")), "test");
    }

    public static void main(String[] args) {
        SpringApplication.run(IncidentTestApplication.class, args);
    }
}
