package org.gridgov.grid;

/** A grid node as other modules and views refer to it. */
public record GridNodeRef(long id, String code, String name, GridType type) {
}
