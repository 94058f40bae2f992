package org.gridgov.grid;

/** Published when the grid tree or a boundary changed; the spatial index refreshes after commit. */
public record GridTopologyChanged(long topologyVersion) {
}
