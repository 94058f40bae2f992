package org.gridgov.grid;

/** The roles in which a person serves a grid. */
public enum StaffRole {
    MICRO_GRID_WORKER, GENERAL_GRID_WORKER, DEDICATED_GRID_WORKER, BUILDING_HEAD, COMMUNITY_WORKER, STREET_OFFICER
}
