package org.gridgov.grid;

/** One item of a duty list. */
public record DutyView(GridType gridType, StaffRole role, String code, String title) {
}
