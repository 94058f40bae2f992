package org.gridgov.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of the platform. Staff roles are bound to a grid node (their scope); department staff to a
 * department; merchants to a partner; residents to themselves; integrators to an optional scope node.
 */
public enum Role {

    SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF, MERCHANT,
    RESIDENT, INTEGRATOR;

    /** Roles whose accounts must be bound to a grid node. */
    public boolean needsScopeNode() {
        return this == DISTRICT_OFFICER || this == STREET_OFFICER || this == COMMUNITY_WORKER || this == GRID_WORKER;
    }

    /** The roles an account of this role may create or assign (always inside its own scope). */
    public Set<Role> mayGrant() {
        return switch (this) {
            case SYSTEM_ADMIN -> EnumSet.allOf(Role.class);
            case DISTRICT_OFFICER -> EnumSet.of(STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF);
            case STREET_OFFICER -> EnumSet.of(COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF);
            case COMMUNITY_WORKER -> EnumSet.of(GRID_WORKER);
            default -> EnumSet.noneOf(Role.class);
        };
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
