package org.gridgov.grid;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grid core settings.
 *
 * @param edgeToleranceMetres how far (metres) a grid's boundary may stick out of its parent's; siblings overlapping
 *        nowhere wider than twice this (one edge drawn twice) are tolerated too
 * @param overlapToleranceSquareMetres the largest overlap of two siblings tolerated whatever its shape (m²)
 * @param indexRefreshInterval how often each node checks for grid changes made on other nodes
 */
@ConfigurationProperties("gridgov.grid")
public record GridProperties(@DefaultValue("1.0") double edgeToleranceMetres,
        @DefaultValue("10.0") double overlapToleranceSquareMetres,
        @DefaultValue("2s") Duration indexRefreshInterval) {
}
