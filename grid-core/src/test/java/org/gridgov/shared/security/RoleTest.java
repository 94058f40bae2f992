package org.gridgov.shared.security;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

    @Test
    void method_security_expressions_spell_exactly_their_role_groups() {
        assertThat(Role.Expressions.SYSTEM_ADMIN).isEqualTo(Role.expression(Set.of(Role.SYSTEM_ADMIN)));
        assertThat(Role.Expressions.MERCHANT).isEqualTo(Role.expression(Set.of(Role.MERCHANT)));
        assertThat(Role.Expressions.MANAGERS).isEqualTo(Role.expression(Role.MANAGERS));
        assertThat(Role.Expressions.GRID_STAFF).isEqualTo(Role.expression(Role.GRID_STAFF));
        assertThat(Role.Expressions.GRID_STAFF_AND_DEPARTMENTS)
            .isEqualTo(Role.expression(union(Role.GRID_STAFF, Set.of(Role.DEPARTMENT_STAFF))));
        assertThat(Role.Expressions.INCIDENT_CONSOLE_USERS).isEqualTo(Role.expression(Role.INCIDENT_CONSOLE_USERS));
    }

    @Test
    void managers_grant_only_roles_below_their_own() {
        assertThat(Role.COMMUNITY_WORKER.mayGrant()).containsExactly(Role.GRID_WORKER);
        assertThat(Role.GRID_WORKER.mayGrant()).isEmpty();
        assertThat(Role.MANAGERS).allSatisfy(r -> assertThat(Role.GRID_STAFF).contains(r));
    }

    @Test
    void a_caller_has_a_role_only_when_it_is_theirs() {
        Caller worker = new Caller(1L, "w", Role.GRID_WORKER, 10L, null, null);

        assertThat(worker.hasRole(Role.RESIDENT, Role.GRID_WORKER)).isTrue();
        assertThat(worker.hasRole(Role.RESIDENT)).isFalse();
        assertThat(worker.hasRoleIn(Role.MANAGERS)).isFalse();
        assertThat(Caller.SYSTEM.hasRoleIn(Role.MANAGERS)).isTrue();
    }

    private static Set<Role> union(Set<Role> a, Set<Role> b) {
        var all = java.util.EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
