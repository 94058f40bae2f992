package org.gridgov.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Forwarded headers are honoured only from {@code gridgov.security.trusted-proxies} (issue 16 #6). The filter runs
 * first of all, before Spring Session (whose cookie is {@code Secure} when the request is) and Spring Security.
 * {@code server.forward-headers-strategy} stays {@code none}: Spring's and Tomcat's own handling would believe
 * anyone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustedProxyConfiguration.TrustedProxyProperties.class)
class TrustedProxyConfiguration {

    /**
     * @param trustedProxies IP addresses and CIDR blocks of the reverse proxies in front of the platform
     *                       (e.g. {@code 10.0.0.5, 172.16.0.0/12}); empty: forwarded headers are ignored
     */
    @ConfigurationProperties("gridgov.security")
    record TrustedProxyProperties(@DefaultValue List<String> trustedProxies) {
    }

    @Bean
    FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(TrustedProxyProperties properties) {
        FilterRegistrationBean<TrustedProxyFilter> registration = new FilterRegistrationBean<>(
                new TrustedProxyFilter(new TrustedProxies(properties.trustedProxies())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
