package org.gridgov.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first system administrator, from configuration ({@code GRIDGOV_ADMIN_USERNAME} /
 * {@code GRIDGOV_ADMIN_PASSWORD}). An empty password means: generate one at start and log it once.
 */
@ConfigurationProperties("gridgov.security.bootstrap-admin")
public record BootstrapAdminProperties(@DefaultValue("admin") String username, String password) {
}
