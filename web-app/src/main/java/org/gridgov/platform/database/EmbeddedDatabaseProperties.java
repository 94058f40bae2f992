package org.gridgov.platform.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that runs when no {@code spring.datasource.url} is set.
 *
 * @param enabled switch the embedded default off entirely (then a datasource URL is required)
 * @param dataDirectory where the cluster's files live; kept across restarts
 * @param port TCP port on loopback; 0 picks a free one at each start
 */
@ConfigurationProperties("gridgov.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("./data/postgres") Path dataDirectory, @DefaultValue("0") int port) {
}
