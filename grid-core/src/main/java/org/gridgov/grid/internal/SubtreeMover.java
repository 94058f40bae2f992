package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.grid.GridPathColumn;
import org.gridgov.grid.GridPathCopies;
import org.gridgov.shared.event.GridSubtreeMoved;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * The one way a subtree moves, for the API's move and the import's re-parenting alike: after the caller has put the
 * moved node itself under its new parent, rewrites the paths and depths of its descendants and every path copy the
 * modules declared ({@link GridPathCopies}) in the caller's transaction, then publishes {@link GridSubtreeMoved}.
 * Each statement is one range over an indexed path column ({@link PathRange}).
 */
@Component
public class SubtreeMover {

    static final String TREE = "grid_node.path";

    private final JdbcTemplate jdbc;
    private final EntityManager entities;
    private final List<GridPathCopies> declarations;
    private final ApplicationEventPublisher events;

    SubtreeMover(JdbcTemplate jdbc, EntityManager entities, List<GridPathCopies> declarations,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.entities = entities;
        this.declarations = declarations;
        this.events = events;
    }

    /** Every declared copy, in a stable order (by table and column). */
    public List<GridPathColumn> copies() {
        List<GridPathColumn> all = new ArrayList<>();
        declarations.forEach(d -> all.addAll(d.copies()));
        all.sort(java.util.Comparator.comparing(GridPathColumn::qualified));
        return all;
    }

    /**
     * Rebases the subtree whose root moved from {@code oldPath} to {@code newPath}: the descendants' rows of
     * {@code grid_node} (the root's own row is the caller's), then every declared copy, the root's included. Pending
     * JPA changes are flushed first and the persistence context is cleared afterwards, so no loaded entity keeps an
     * old path.
     *
     * @param depthDelta how much deeper (positive) or shallower the subtree now lies
     * @return the published event, with the rows rewritten per column
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public GridSubtreeMoved rebase(long nodeId, String oldPath, String newPath, int depthDelta, long topologyVersion) {
        if (oldPath.equals(newPath)) {
            throw new IllegalArgumentException("nothing moves: " + oldPath);
        }
        entities.flush();
        Map<String, Integer> rebased = new LinkedHashMap<>();
        PathRange moved = PathRange.under(oldPath);
        SqlPredicate below = moved.sqlBelow("path");
        rebased.put(TREE, 1 + jdbc.update("""
                update grid_node
                   set path = ? || substring(path from length(?) + 1),
                       depth = depth + ?, topology_version = ?, updated_at = now(),
                       version = version + 1
                 where %s""".formatted(below.sql()),
                below.argsAfter(newPath, oldPath, depthDelta, topologyVersion)));
        for (GridPathColumn copy : copies()) {
            SqlPredicate inSubtree = moved.sql(copy.column());
            String version = copy.versionColumn() == null ? ""
                    : ", " + copy.versionColumn() + " = " + copy.versionColumn() + " + 1";
            rebased.put(copy.qualified(), jdbc.update("update %s set %s = ? || substring(%s from length(?) + 1)%s where %s"
                .formatted(copy.table(), copy.column(), copy.column(), version, inSubtree.sql()),
                    inSubtree.argsAfter(newPath, oldPath)));
        }
        entities.clear();
        GridSubtreeMoved event = new GridSubtreeMoved(nodeId, oldPath, newPath, rebased);
        events.publishEvent(event);
        return event;
    }
}
