package org.gridgov.identity;

import java.util.List;

import org.gridgov.shared.scope.DataScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns what a principal is bound to into its {@link DataScope}: city-wide for system administrators (and
 * integrators without a scope node), the subtree of the bound grid for staff (of the department's district or
 * street for department staff), nothing of the grid tree for merchants and residents.
 */
@Component
public class ScopeResolver {

    private final JdbcTemplate jdbc;

    ScopeResolver(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public DataScope resolve(ScopedPrincipal principal) {
        return switch (principal.role()) {
            case SYSTEM_ADMIN -> DataScope.all();
            case INTEGRATOR -> principal.scopeNodeId() == null ? DataScope.all() : subtree(principal.scopeNodeId());
            case DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, GRID_WORKER -> subtree(principal.scopeNodeId());
            case DEPARTMENT_STAFF -> principal.departmentId() == null ? DataScope.none()
                    : departmentSubtree(principal.departmentId());
            case MERCHANT, RESIDENT -> DataScope.none();
        };
    }

    /** The path of a grid node, for checks of one scope against another. */
    public String pathOf(long nodeId) {
        List<String> path = jdbc.queryForList("select path from grid_node where id = ?", String.class, nodeId);
        return path.isEmpty() ? null : path.get(0);
    }

    private DataScope subtree(Long nodeId) {
        if (nodeId == null) {
            return DataScope.none();
        }
        String path = pathOf(nodeId);
        return path == null ? DataScope.none() : DataScope.subtree(nodeId, path);
    }

    private DataScope departmentSubtree(long departmentId) {
        List<Long> node = jdbc.queryForList("select node_id from department where id = ?", Long.class, departmentId);
        return node.isEmpty() ? DataScope.none() : subtree(node.get(0));
    }
}
