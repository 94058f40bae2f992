package org.gridgov.grid;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grid core settings.
 *
 * @param overlapTolerance share of the smaller area two sibling micro grids may overlap (drawing slack)
 * @param containmentTolerance degrees a child's boundary may stick out of its parent's (1e-5° ≈ 1 m)
 * @param indexRefreshInterval how often each node checks for grid changes made on other nodes
 */
@ConfigurationProperties("gridgov.grid")
public record GridProperties(@DefaultValue("0.01") double overlapTolerance,
        @DefaultValue("0.00001") double containmentTolerance, @DefaultValue("2s") Duration indexRefreshInterval) {
}
