package org.gridgov.platform.database;

import java.io.IOException;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The optional read replica ({@code gridgov.datasource.replica.url}): Boot's own primary pool is wrapped, after it is
 * built, in a {@link LazyConnectionDataSourceProxy} over {@link ReplicaRouting}, so JPA, JDBC, Flyway and the rest
 * keep using the one {@code dataSource} bean. Absent the property nothing here exists and all work stays on the
 * primary.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gridgov.datasource.replica", name = "url")
class ReplicaRoutingConfiguration {

    /** Set on a response that wrote: the client's next requests within the staleness bound read the primary. */
    static final String PRIMARY_COOKIE = "gridgov-primary";

    @Bean
    static BeanPostProcessor replicaRoutingDataSource(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                if (!(bean instanceof HikariDataSource primary) || !"dataSource".equals(name)) {
                    return bean;
                }
                ReplicaProperties replica = properties(environment);
                HikariDataSource replicaPool = new HikariDataSource();
                replicaPool.setPoolName("replica");
                replicaPool.setJdbcUrl(replica.url());
                replicaPool.setUsername(replica.username() != null ? replica.username() : primary.getUsername());
                replicaPool.setPassword(replica.password() != null ? replica.password() : primary.getPassword());
                replicaPool.setMaximumPoolSize(replica.maximumPoolSize());
                replicaPool.setReadOnly(true);
                // a replica that is down must not stop the node: it is checked and skipped, the primary serves
                replicaPool.setInitializationFailTimeout(-1);
                replicaPool.setConnectionTimeout(primary.getConnectionTimeout());
                ReplicaRouting routing = new ReplicaRouting(primary, replicaPool, replica.maxLag(), Clock.systemUTC());
                routing.startChecking(replica.checkInterval());
                return new RoutedDataSource(routing, primary, replicaPool);
            }
        };
    }

    static ReplicaProperties properties(Environment environment) {
        return Binder.get(environment).bind("gridgov.datasource.replica", ReplicaProperties.class)
            .orElseThrow(() -> new IllegalStateException("gridgov.datasource.replica is incomplete"));
    }

    /** Read-your-own-writes across requests: a writing request, and the same client shortly after, use the primary. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> primaryAfterWrite(Environment environment) {
        long maxAgeSeconds = Math.max(1, properties(environment).maxLag().toSeconds() + 1);
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                boolean writes = !switch (request.getMethod()) {
                    case "GET", "HEAD", "OPTIONS" -> true;
                    default -> false;
                };
                if (writes) {
                    Cookie cookie = new Cookie(PRIMARY_COOKIE, "1");
                    cookie.setPath("/");
                    cookie.setHttpOnly(true);
                    cookie.setMaxAge((int) maxAgeSeconds);
                    response.addCookie(cookie);
                }
                if (writes || hasCookie(request)) {
                    ReplicaRouting.pinToPrimary();
                }
                try {
                    chain.doFilter(request, response);
                }
                finally {
                    ReplicaRouting.unpin();
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("primaryAfterWrite");
        return registration;
    }

    private static boolean hasCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (PRIMARY_COOKIE.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The routed data source; closes both pools and the lag check with the context. */
    static final class RoutedDataSource extends LazyConnectionDataSourceProxy implements AutoCloseable {

        private final ReplicaRouting routing;
        private final HikariDataSource primary;
        private final HikariDataSource replica;

        RoutedDataSource(ReplicaRouting routing, HikariDataSource primary, HikariDataSource replica) {
            super(routing);
            this.routing = routing;
            this.primary = primary;
            this.replica = replica;
        }

        ReplicaRouting routing() {
            return routing;
        }

        @Override
        public void close() {
            routing.stopChecking();
            replica.close();
            primary.close();
        }
    }
}
