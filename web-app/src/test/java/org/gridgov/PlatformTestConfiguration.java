package org.gridgov;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import org.gridgov.identity.VerificationCodeSender;
import org.gridgov.platform.performance.StatementCounter;

/** Test doubles at the platform's edges only (no SMS gateway here): the codes "sent" are kept for the tests. */
@TestConfiguration(proxyBeanMethods = false)
public class PlatformTestConfiguration {

    /** The last verification code sent to each phone. */
    public static final Map<String, String> SENT_CODES = new ConcurrentHashMap<>();

    /** Every statement of a request marked for counting is recorded ({@link StatementCounter}). */
    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && "dataSource".equals(name)
                        ? StatementCounter.counting(dataSource) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statementCounting() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                StatementCounter.filter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    VerificationCodeSender capturingCodeSender() {
        return SENT_CODES::put;
    }
}
