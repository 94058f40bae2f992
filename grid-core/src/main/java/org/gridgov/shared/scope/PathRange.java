package org.gridgov.shared.scope;

import java.util.Objects;

/**
 * The materialized paths of one subtree of the grid tree as a half-open range: a grid with path {@code p} is in the
 * subtree rooted at path {@code /1/12/} exactly when {@code '/1/12/' <= p < '/1/120'} ('/' + 1 is '0' in the "C"
 * collation the path columns use). One btree range scan in PostgreSQL.
 * <p>
 * The one place where that range is written: every module asks {@link #sql(String)} (or, for the caller's scope,
 * {@link DataScope#sql(String)}) for the predicate; a test fails when main code spells {@code path >=} itself.
 *
 * @param lower the subtree root's path, inclusive
 * @param upper the first path after the subtree, exclusive
 */
public record PathRange(String lower, String upper) {

    public PathRange {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
    }

    /** The subtree rooted at the grid with this materialized path ({@code /1/12/}), the root included. */
    public static PathRange under(String path) {
        if (path == null || !path.endsWith("/")) {
            throw new IllegalArgumentException("a materialized path ends with '/': " + path);
        }
        return new PathRange(path, upperBound(path));
    }

    /** The first path after every path of the subtree rooted at {@code path}. */
    public static String upperBound(String path) {
        return path.substring(0, path.length() - 1) + '0';
    }

    /** Whether the grid with this path lies in the range. */
    public boolean contains(String path) {
        return path != null && path.compareTo(lower) >= 0 && path.compareTo(upper) < 0;
    }

    /** The predicate "{@code column} lies in this subtree", the root included. */
    public SqlPredicate sql(String column) {
        return SqlPredicate.of(column + " >= ? and " + column + " < ?", lower, upper);
    }

    /** The predicate "{@code column} lies strictly below the root" (the root itself excluded). */
    public SqlPredicate sqlBelow(String column) {
        return SqlPredicate.of(column + " > ? and " + column + " < ?", lower, upper);
    }

    /**
     * The join condition "the path in {@code descendantColumn} lies in the subtree rooted at the path in
     * {@code ancestorColumn}", for queries that group rows under several roots at once (children's figures, say).
     */
    public static String sqlJoin(String descendantColumn, String ancestorColumn) {
        return descendantColumn + " >= " + ancestorColumn + " and " + descendantColumn + " < substring("
                + ancestorColumn + " from 1 for length(" + ancestorColumn + ") - 1) || '0'";
    }
}
