package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.shared.scope.PathRange;

/** Materialized paths: {@code /1/12/140/} ↔ ids. The range that covers a subtree is {@link PathRange}. */
public final class PathIds {

    private PathIds() {
    }

    public static List<Long> parse(String path) {
        List<Long> ids = new ArrayList<>(6);
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }

    /**
     * The exclusive upper bound of the subtree under {@code path}: {@link PathRange#upperBound(String)}, the one
     * definition. SQL predicates come from {@link PathRange#sql(String)}, not from this bound.
     */
    public static String subtreeUpperBound(String path) {
        return PathRange.upperBound(path);
    }
}
