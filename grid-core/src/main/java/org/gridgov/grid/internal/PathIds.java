package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.List;

/** Materialized paths: {@code /1/12/140/} ↔ ids, and the range that covers a subtree. */
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
     * The exclusive upper bound of the subtree under {@code path} in "C" collation: every descendant's path starts
     * with {@code path} and so sorts in [path, upper). {@code '/'} + 1 is {@code '0'}.
     */
    public static String subtreeUpperBound(String path) {
        return path.substring(0, path.length() - 1) + '0';
    }
}
