package org.gridgov;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gridgov.identity.VerificationCodeSender;
import org.gridgov.shared.crypto.AesGcmDataCipher;
import org.gridgov.shared.crypto.DataCipher;
import org.gridgov.identity.testing.ApiTestSecurityConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Identity on grid core, for its integration tests: real accounts, tokens and scopes behind
 * {@link ApiTestSecurityConfiguration}. No SMS gateway: the verification codes "sent" are kept for the tests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ApiTestSecurityConfiguration.class)
public class IdentityTestApplication {

    /** The last verification code sent to each phone. */
    public static final Map<String, String> SENT_CODES = new ConcurrentHashMap<>();

    @Bean
    @Primary
    VerificationCodeSender capturingCodeSender() {
        return SENT_CODES::put;
    }

    /** The platform's AES-GCM cipher with a test key (web-app builds it from the residents' configured keys). */
    @Bean
    DataCipher testDataCipher() {
        return new AesGcmDataCipher(Map.of("test", "identity-test-key-32-bytes-long!".getBytes()), "test");
    }

    public static void main(String[] args) {
        SpringApplication.run(IdentityTestApplication.class, args);
    }
}
