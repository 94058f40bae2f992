package org.gridgov.participation;

import java.time.ZoneId;
import java.util.List;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.gridgov.shared.security.Role;
import org.springframework.stereotype.Component;

/** Who is calling and what they may see, as the participation rules need it. */
@Component
class ParticipationContext {

    /** Opening hours, slots and the calendar are China time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CallerProvider callers;
    private final DataScopeProvider scopes;
    private final GridDirectory grids;

    ParticipationContext(CallerProvider callers, DataScopeProvider scopes, GridDirectory grids) {
        this.callers = callers;
        this.scopes = scopes;
        this.grids = grids;
    }

    Caller caller() {
        return callers.current();
    }

    DataScope scope() {
        return scopes.current();
    }

    /** The caller as a person who books, signs up, answers: an account that is neither a merchant nor a client. */
    Caller person() {
        Caller caller = callers.current();
        if (caller.accountId() == null || caller.hasRole(Role.MERCHANT, Role.INTEGRATOR)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "participation.not-a-person",
                    "Only a person's account may do this");
        }
        return caller;
    }

    /** The caller as grid staff (the community's workers and the levels above, grid workers included). */
    Caller staff() {
        Caller caller = callers.current();
        if (!caller.hasRoleIn(Role.GRID_STAFF)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "participation.staff-only",
                    "Only grid staff may do this");
        }
        return caller;
    }

    /** The caller as a manager (community worker and above). */
    Caller manager() {
        Caller caller = callers.current();
        if (!caller.hasRoleIn(Role.MANAGERS)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "participation.managers-only",
                    "Only community workers and the levels above may do this");
        }
        return caller;
    }

    /** A grid the caller's scope covers, by id; a grid outside the scope is "not found" on {@code field}. */
    GridNodeRef visibleGrid(Long gridId, String field) {
        if (gridId == null) {
            throw DomainException.invalidField("field.required", field, "Name the grid");
        }
        GridNodeRef grid = grids.byId(gridId).orElse(null);
        if (grid == null || !scope().covers(grids.pathOf(gridId))) {
            throw new DomainException(DomainException.Kind.INVALID, "participation.grid-unknown",
                    "No grid with this id in your part of the tree",
                    List.of(new FieldViolation(field, "participation.grid-unknown", "No grid with this id")));
        }
        return grid;
    }

    String pathOf(long gridId) {
        return grids.pathOf(gridId);
    }

    GridDirectory grids() {
        return grids;
    }

    static <T> PageResult<T> page(List<T> items, int page, int size, long total) {
        return PageResult.of(items, page, size, total);
    }
}
