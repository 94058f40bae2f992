package org.gridgov.platform.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo data: a small real-looking sample loaded on first start. {@code enabled} unset means "on with the embedded
 * database, off with an external one"; set it to force either way.
 */
@ConfigurationProperties("gridgov.demo-data")
public record DemoDataProperties(Boolean enabled) {
}
