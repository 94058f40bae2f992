package org.gridgov.grid;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column that holds a grid's materialized path, named for {@link GridPathCopies}.
 *
 * @param table the table, unqualified ({@code incident})
 * @param column the path column ({@code grid_path})
 * @param versionColumn the table's optimistic-locking column bumped with the path (so a writer that read the row
 *        before the move cannot write the old path back), or null when the table has none
 */
public record GridPathColumn(String table, String column, String versionColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public GridPathColumn {
        requireIdentifier(Objects.requireNonNull(table, "table"));
        requireIdentifier(Objects.requireNonNull(column, "column"));
        if (versionColumn != null) {
            requireIdentifier(versionColumn);
        }
    }

    public static GridPathColumn of(String table, String column) {
        return new GridPathColumn(table, column, null);
    }

    /** The same column, its table's {@code versionColumn} bumped whenever the path is rebased. */
    public GridPathColumn versioned(String versionColumn) {
        return new GridPathColumn(table, column, versionColumn);
    }

    /** {@code table.column}. */
    public String qualified() {
        return table + "." + column;
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }
}
