package org.gridgov.grid;

/** A functional department and the district or street it is attached to. */
public record DepartmentView(long id, String code, String name, String kind, long nodeId, String phone,
        boolean active) {
}
