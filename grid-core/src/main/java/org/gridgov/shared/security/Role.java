package org.gridgov.shared.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The roles of the platform, the one vocabulary every module uses for "who may". Staff roles are bound to a grid
 * node (their scope); department staff to a department; merchants to a partner; residents to themselves;
 * integrators to an optional scope node.
 * <p>
 * The groups below are the sets that rules are written in ({@link #MANAGERS} maintain the tree, {@link #GRID_STAFF}
 * work on incidents at a grid level, …); {@link Expressions} spells the same groups for {@code @PreAuthorize}, and a
 * test keeps both in step. No module spells a role as a string.
 */
@Schema(description = "A platform role", example = "GRID_WORKER")
public enum Role {

    SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF, MERCHANT,
    RESIDENT, INTEGRATOR;

    /** Those who maintain the tree, staff and accounts, and approve what grid workers record, within their scope. */
    public static final Set<Role> MANAGERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER);

    /** Those who work at a grid level within their scope: the managers and the grid workers. */
    public static final Set<Role> GRID_STAFF = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER);

    /** The street and above: who may blow the whistle. */
    public static final Set<Role> STREET_LEVEL = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER);

    /** Those who read grid data within their scope. */
    public static final Set<Role> GRID_READERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, DEPARTMENT_STAFF, INTEGRATOR);

    /** Those who report incidents (and rate their own). */
    public static final Set<Role> REPORTERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, RESIDENT, INTEGRATOR);

    /** Those who read incidents (each sees only their own part: scope, summons, own reports). */
    public static final Set<Role> INCIDENT_READERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER,
            COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF, RESIDENT, INTEGRATOR);

    /** Those who follow incidents in the console: grid staff, summoned departments and reporting residents. */
    public static final Set<Role> INCIDENT_CONSOLE_USERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER,
            COMMUNITY_WORKER, GRID_WORKER, DEPARTMENT_STAFF, RESIDENT);

    /** Those who hold points of their own (earn, redeem, donate). */
    public static final Set<Role> POINT_HOLDERS = of(SYSTEM_ADMIN, DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER,
            GRID_WORKER, DEPARTMENT_STAFF, RESIDENT);

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

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The names of these roles, for Spring Security's {@code hasAnyRole(...)}. */
    public static String[] names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }

    /** The {@code hasAnyRole(...)} expression of these roles; {@link Expressions} must equal it (tested). */
    public static String expression(Set<Role> roles) {
        return roles.stream().sorted().map(r -> "'" + r.name() + "'")
            .collect(Collectors.joining(", ", "hasAnyRole(", ")"));
    }

    private static Set<Role> of(Role first, Role... rest) {
        return Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /**
     * The role groups as method-security expressions, for {@code @PreAuthorize} (an annotation needs a constant).
     * Each equals {@link #expression(Set)} of its group, so the two cannot drift apart.
     */
    public static final class Expressions {

        public static final String SYSTEM_ADMIN = "hasAnyRole('SYSTEM_ADMIN')";
        public static final String MERCHANT = "hasAnyRole('MERCHANT')";
        public static final String MANAGERS =
                "hasAnyRole('SYSTEM_ADMIN', 'DISTRICT_OFFICER', 'STREET_OFFICER', 'COMMUNITY_WORKER')";
        public static final String GRID_STAFF = "hasAnyRole('SYSTEM_ADMIN', 'DISTRICT_OFFICER', 'STREET_OFFICER', "
                + "'COMMUNITY_WORKER', 'GRID_WORKER')";
        public static final String GRID_STAFF_AND_DEPARTMENTS = "hasAnyRole('SYSTEM_ADMIN', 'DISTRICT_OFFICER', "
                + "'STREET_OFFICER', 'COMMUNITY_WORKER', 'GRID_WORKER', 'DEPARTMENT_STAFF')";
        public static final String INCIDENT_CONSOLE_USERS = "hasAnyRole('SYSTEM_ADMIN', 'DISTRICT_OFFICER', "
                + "'STREET_OFFICER', 'COMMUNITY_WORKER', 'GRID_WORKER', 'DEPARTMENT_STAFF', 'RESIDENT')";

        private Expressions() {
        }
    }
}
