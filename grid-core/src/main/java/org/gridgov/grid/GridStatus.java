package org.gridgov.grid;

/** Grids are redrawn, never hard-deleted: history points at them. */
public enum GridStatus {
    ACTIVE, RETIRED
}
