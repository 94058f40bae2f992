package org.gridgov.shared.scope;

import org.gridgov.shared.DomainException;

/**
 * The part of the grid tree a caller may see: all of it, the subtree under one node, or none of it. Every read of
 * grid-bound data is filtered through it — in SQL with the predicate {@link #sql(String)} on the row's grid path
 * column (a {@link PathRange}), in Java with {@link #covers(String)} — and every write checks its target with
 * {@link #requireVisible(String, String)}. Outside the scope a thing does not exist (404): existence is not leaked.
 *
 * @param nodeId the scope's root grid, for SUBTREE
 * @param path the scope root's materialized path ({@code /1/12/}), for SUBTREE
 */
public record DataScope(Kind kind, Long nodeId, String path) {

    public enum Kind {
        /** The whole tree (system administrators, unscoped integrators). */
        ALL,
        /** The subtree under {@link #nodeId()}, the node included. */
        SUBTREE,
        /** No grid-bound data at all (merchants, residents). */
        NONE
    }

    private static final DataScope ALL_SCOPE = new DataScope(Kind.ALL, null, null);
    private static final DataScope NONE_SCOPE = new DataScope(Kind.NONE, null, null);

    public static DataScope all() {
        return ALL_SCOPE;
    }

    public static DataScope none() {
        return NONE_SCOPE;
    }

    public static DataScope subtree(long nodeId, String path) {
        return new DataScope(Kind.SUBTREE, nodeId, path);
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** Whether the grid with this materialized path is inside the scope. */
    public boolean covers(String nodePath) {
        return switch (kind) {
            case ALL -> true;
            case NONE -> false;
            case SUBTREE -> nodePath != null && nodePath.startsWith(path);
        };
    }

    /**
     * Whether the grid with this path is inside the scope or one of the scope root's ancestors: things attached to the
     * levels above (the street's departments, say) are visible to everyone below, though the levels' other data is
     * not.
     */
    public boolean coversOrIsAbove(String nodePath) {
        return covers(nodePath) || kind == Kind.SUBTREE && nodePath != null && path.startsWith(nodePath);
    }

    /**
     * The SQL predicate "the grid path in {@code column} is visible to this scope": {@code true} for ALL,
     * {@code false} for NONE, the subtree's {@link PathRange} otherwise. The one way every module filters SQL by
     * scope.
     *
     * @param column the grid path column, with its alias ({@code "p.grid_path"})
     */
    public SqlPredicate sql(String column) {
        return switch (kind) {
            case ALL -> SqlPredicate.TRUE;
            case NONE -> SqlPredicate.FALSE;
            case SUBTREE -> PathRange.under(path).sql(column);
        };
    }

    /**
     * @throws DomainException 404 when the grid is outside the scope (the caller cannot tell it exists)
     */
    public void requireVisible(String nodePath, String what) {
        if (!covers(nodePath)) {
            throw DomainException.notFound("resource.not-found", what + " not found");
        }
    }
}
