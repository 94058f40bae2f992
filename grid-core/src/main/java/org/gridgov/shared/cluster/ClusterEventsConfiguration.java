package org.gridgov.shared.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The node's {@link ClusterEvents}: its listening connection goes to the primary database named by Boot's
 * {@link JdbcConnectionDetails} (the same as the pool's), outside the pool, with the application name
 * {@value #APPLICATION_NAME} so operators find it in {@code pg_stat_activity}.
 */
@Configuration(proxyBeanMethods = false)
class ClusterEventsConfiguration {

    static final String APPLICATION_NAME = "gridgov-cluster-events";

    @Bean
    ClusterEvents clusterEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            JdbcConnectionDetails database,
            @Value("${gridgov.cluster.events.poll-interval:PT0.25S}") Duration pollInterval) {
        return new ClusterEvents(jdbc, transactions, () -> open(database), pollInterval);
    }

    private static Connection open(JdbcConnectionDetails database) throws SQLException {
        Properties properties = new Properties();
        if (database.getUsername() != null) {
            properties.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        Connection connection = new Driver().connect(database.getJdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + database.getJdbcUrl());
        }
        return connection;
    }
}
