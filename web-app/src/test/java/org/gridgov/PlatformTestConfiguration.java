package org.gridgov;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import org.gridgov.identity.VerificationCodeSender;

/** Test doubles at the platform's edges only (no SMS gateway here): the codes "sent" are kept for the tests. */
@TestConfiguration(proxyBeanMethods = false)
public class PlatformTestConfiguration {

    /** The last verification code sent to each phone. */
    public static final Map<String, String> SENT_CODES = new ConcurrentHashMap<>();

    @Bean
    VerificationCodeSender capturingCodeSender() {
        return SENT_CODES::put;
    }
}
