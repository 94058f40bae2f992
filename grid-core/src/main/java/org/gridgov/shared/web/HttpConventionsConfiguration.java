package org.gridgov.shared.web;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the cross-cutting HTTP conventions: body size limit, idempotency keys, conditional GET, the checks of
 * every request's parameters and upload file names ({@link RequestInputInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpConventionsProperties.class)
public class HttpConventionsConfiguration implements WebMvcConfigurer {

    /** Spring Security's filter chain runs at -100; idempotency must see the authenticated principal. */
    static final int AFTER_SECURITY = -100 + 10;

    private static final Logger log = LoggerFactory.getLogger(HttpConventionsConfiguration.class);

    private final HttpConventionsProperties properties;
    private final JsonMapper jsonMapper;

    HttpConventionsConfiguration(HttpConventionsProperties properties, JsonMapper jsonMapper) {
        this.properties = properties;
        this.jsonMapper = jsonMapper;
    }

    @Bean
    ProblemWriter problemWriter() {
        return new ProblemWriter(jsonMapper);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PublicRateLimitInterceptor(properties.publicRateLimitPerMinute(),
                new ProblemWriter(jsonMapper))).addPathPatterns("/api/v1/public/**");
        registry.addInterceptor(new RequestInputInterceptor(new ProblemWriter(jsonMapper)));
    }

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbcTemplate) {
        return new IdempotencyStore(jdbcTemplate);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HttpConventionsProperties properties,
            ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxBodySize().toBytes(), problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, problemWriter));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }

    /** Conditional GET for the mobile app on weak networks: 304 when the body did not change. */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> shallowEtagFilter() {
        var registration = new FilterRegistrationBean<ShallowEtagHeaderFilter>(new ShallowEtagHeaderFilter() {
            // an event stream never ends: it is never buffered for an ETag
            @Override
            protected boolean shouldNotFilter(jakarta.servlet.http.HttpServletRequest request) {
                return request.getRequestURI().endsWith("/stream");
            }

            @Override
            protected boolean shouldNotFilterAsyncDispatch() {
                return true;
            }
        });
        registration.addUrlPatterns("/api/*");
        registration.setOrder(AFTER_SECURITY + 1);
        return registration;
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyStore store, HttpConventionsProperties properties) {
        return new IdempotencyPurge(store, properties);
    }

    /** Forgets expired idempotency keys, once per interval across all nodes. */
    static class IdempotencyPurge {

        private final IdempotencyStore store;
        private final HttpConventionsProperties properties;

        IdempotencyPurge(IdempotencyStore store, HttpConventionsProperties properties) {
            this.store = store;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${gridgov.http.idempotency-purge-interval:PT1H}", initialDelay = 60_000)
        @SchedulerLock(name = "idempotency-purge", lockAtMostFor = "PT10M")
        void purge() {
            int removed = store.purgeOlderThan(properties.idempotencyRetention());
            if (removed > 0) {
                log.info("Forgot {} expired idempotency keys", removed);
            }
        }
    }
}
