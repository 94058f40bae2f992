package org.gridgov.grid.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScopeProvider;

/**
 * Grid nodes as the caller may see them: the one place grid core's services apply the data scope to a node they
 * load. Outside the scope a node does not exist (404).
 */
@Component
public class VisibleGrids {

    private final GridNodeRepository nodes;
    private final DataScopeProvider scopes;

    VisibleGrids(GridNodeRepository nodes, DataScopeProvider scopes) {
        this.nodes = nodes;
        this.scopes = scopes;
    }

    /** @throws DomainException 404 {@code grid.node.not-found} when unknown or outside the caller's scope */
    public GridNode require(long id) {
        return find(id).orElseThrow(() -> DomainException.notFound("grid.node.not-found", "No grid with id " + id));
    }

    public Optional<GridNode> find(long id) {
        return nodes.findById(id).filter(this::isVisible);
    }

    public Optional<GridNode> findByCode(String code) {
        return nodes.findByCode(code).filter(this::isVisible);
    }

    public boolean isVisible(GridNode node) {
        return scopes.current().covers(node.getPath());
    }
}
