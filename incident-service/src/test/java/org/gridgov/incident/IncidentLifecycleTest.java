package org.gridgov.incident;

import org.gridgov.shared.security.Role;
import org.junit.jupiter.api.Test;

import org.gridgov.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentLifecycleTest {

    @Test
    void a_grid_worker_may_accept_escalate_or_reject_a_new_report_but_not_blow_the_whistle() {
        // by role alone a grid worker may also urge (催办) — as the reporter of their own report; whether this caller
        // may, on this incident, is the context guard's decision (IncidentWorkReachesPeopleIT's allowedMoves test)
        assertThat(IncidentLifecycle.allowed(IncidentState.SUBMITTED, Role.GRID_WORKER))
            .containsExactlyInAnyOrder(Move.ACCEPT, Move.ESCALATE, Move.REJECT, Move.MERGE, Move.URGE);
        assertThatThrownBy(() -> IncidentLifecycle.require(Move.WHISTLE, IncidentState.ACCEPTED, Role.GRID_WORKER))
            .isInstanceOf(DomainException.class)
            .satisfies(ex -> assertThat(((DomainException) ex).code()).isEqualTo("incident.move-forbidden"));
    }

    @Test
    void an_illegal_move_says_which_moves_are_allowed() {
        assertThatThrownBy(() -> IncidentLifecycle.require(Move.RESOLVE, IncidentState.SUBMITTED, Role.GRID_WORKER))
            .isInstanceOf(DomainException.class)
            .satisfies(ex -> {
                DomainException d = (DomainException) ex;
                assertThat(d.code()).isEqualTo("incident.illegal-move");
                assertThat(d.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                assertThat(d.properties().get("allowedMoves").toString()).contains("ACCEPT");
            });
    }

    @Test
    void only_departments_check_in_and_only_while_whistled() {
        IncidentLifecycle.require(Move.CHECK_IN, IncidentState.WHISTLED, Role.DEPARTMENT_STAFF);
        assertThatThrownBy(() -> IncidentLifecycle.require(Move.CHECK_IN, IncidentState.WHISTLED, Role.GRID_WORKER))
            .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> IncidentLifecycle.require(Move.CHECK_IN, IncidentState.ACCEPTED, Role.DEPARTMENT_STAFF))
            .isInstanceOf(DomainException.class);
    }

    @Test
    void closed_rejected_and_merged_incidents_allow_no_moves() {
        for (IncidentState terminal : new IncidentState[] { IncidentState.CLOSED, IncidentState.REJECTED,
                IncidentState.MERGED }) {
            assertThat(IncidentLifecycle.allowed(terminal, Role.SYSTEM_ADMIN)).isEmpty();
            assertThat(terminal.isOpen()).isFalse();
        }
    }
}
