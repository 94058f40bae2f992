package org.gridgov.points;

import org.gridgov.shared.security.Role;
import java.util.List;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.people.ResidentDirectory;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.stereotype.Component;

/** Who is calling, as the points rules need it: their person account, their community, their scope. */
@Component
class PointsContext {

    private final CallerProvider callers;
    private final DataScopeProvider scopes;
    private final GridDirectory grids;
    private final PointsLedger ledger;
    private final AccountDirectory accounts;
    private final ResidentDirectory residents;

    PointsContext(CallerProvider callers, DataScopeProvider scopes, GridDirectory grids, PointsLedger ledger,
            AccountDirectory accounts, ResidentDirectory residents) {
        this.callers = callers;
        this.scopes = scopes;
        this.grids = grids;
        this.ledger = ledger;
        this.accounts = accounts;
        this.residents = residents;
    }

    /** Accounts of the platform (identity's, through the shared kernel's port). */
    AccountDirectory accounts() {
        return accounts;
    }

    /** Residents' records (resident-service's, through the shared kernel's port). */
    ResidentDirectory residents() {
        return residents;
    }

    /**
     * The materialized path of the grid an account is bound to (staff), or null for accounts bound to no grid
     * (residents, merchants, departments) and for unknown accounts.
     */
    String accountPath(long accountId) {
        return accounts.account(accountId).map(AccountDirectory.AccountFacts::scopeNodeId)
            .flatMap(grids::byId).map(n -> grids.pathOf(n.id())).orElse(null);
    }

    Caller caller() {
        return callers.current();
    }

    DataScope scope() {
        return scopes.current();
    }

    /** The caller as a points holder. */
    Caller person() {
        Caller caller = callers.current();
        if (caller.accountId() == null || caller.hasRole(Role.MERCHANT, Role.INTEGRATOR)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.not-a-person",
                    "Only a person's account holds points");
        }
        return caller;
    }

    long personAccount(Caller caller) {
        return ledger.personAccount(caller.accountId(), caller.username());
    }

    void requireManager(Caller caller) {
        if (!caller.hasRoleIn(Role.MANAGERS)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "points.managers-only",
                    "Only community workers and the levels above may do this");
        }
    }

    /** The community (COMMUNITY grid) a grid belongs to, or empty above community level. */
    java.util.Optional<GridNodeRef> communityOf(long gridId) {
        List<GridNodeRef> chain = grids.chain(gridId);
        return chain.stream().filter(n -> n.type() == GridType.COMMUNITY).findFirst();
    }

    /** A community by id, 404 when it is not a community. */
    GridNodeRef community(long communityId, String field) {
        GridNodeRef node = grids.byId(communityId).filter(n -> n.type() == GridType.COMMUNITY)
            .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "points.community.not-found",
                    "No such community", List.of(new org.gridgov.shared.FieldViolation(field,
                            "points.community.not-found", "No community with this id"))));
        return node;
    }

    /** @throws DomainException 404 {@code grid.node.not-found} for an unknown grid (a client's id, never a 500) */
    String pathOf(long gridId) {
        if (grids.byId(gridId).isEmpty()) {
            throw DomainException.notFound("grid.node.not-found", "No grid with id " + gridId);
        }
        return grids.pathOf(gridId);
    }

    /**
     * The path of a grid known to be active (just read from the in-memory index, as {@link #community} does), from
     * the same index: no query.
     */
    String indexedPathOf(long gridId) {
        return grids.indexedPathOf(gridId);
    }

    GridDirectory grids() {
        return grids;
    }

    static <T> org.gridgov.shared.PageResult<T> page(List<T> items, int page, int size, long total) {
        return new org.gridgov.shared.PageResult<>(items, page, size, total, (int) ((total + size - 1) / size));
    }
}
