package org.gridgov.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Without an SMS gateway, codes are written to the log (development and demos only). */
@Configuration(proxyBeanMethods = false)
class LoggingVerificationCodeSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingVerificationCodeSender.class);

    @Bean
    @ConditionalOnMissingBean
    VerificationCodeSender logOnlyCodeSender() {
        return (phone, code) -> log.info("Verification code for {}: {} (no SMS gateway configured)",
                AccountView.maskPhone(phone), code);
    }
}
