package org.gridgov.shared.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A job table's module-specific columns and their values, in order: what a job is submitted with, what its
 * progress or result adds to the common columns. Immutable; each {@code set} returns a new instance.
 *
 * <pre>{@code
 * JobColumns.of("format", "CSV").set("file_name", name)          // format = ?, file_name = ?
 * JobColumns.of("created_count", 3).setSql("done", "total")       // created_count = ?, done = total
 * }</pre>
 */
public final class JobColumns {

    private static final JobColumns NONE = new JobColumns(List.of(), List.of(), List.of());

    private final List<String> columns;
    private final List<String> expressions;
    private final List<Object> args;

    private JobColumns(List<String> columns, List<String> expressions, List<Object> args) {
        this.columns = columns;
        this.expressions = expressions;
        this.args = args;
    }

    public static JobColumns none() {
        return NONE;
    }

    public static JobColumns of(String column, Object value) {
        return NONE.set(column, value);
    }

    /** The column takes this value ({@code column = ?}). */
    public JobColumns set(String column, Object value) {
        return with(column, "?", Collections.singletonList(value));
    }

    /**
     * The column takes the value of an SQL expression over the row ({@code done = total},
     * {@code total = greatest(total, ?)}), its {@code ?}s bound to {@code expressionArgs} in order.
     */
    public JobColumns setSql(String column, String expression, Object... expressionArgs) {
        return with(column, expression, Arrays.asList(expressionArgs));
    }

    private JobColumns with(String column, String expression, List<Object> expressionArgs) {
        List<String> c = new ArrayList<>(columns);
        c.add(JobTable.requireIdentifier(column));
        List<String> e = new ArrayList<>(expressions);
        e.add(expression);
        List<Object> a = new ArrayList<>(args);
        a.addAll(expressionArgs);
        // values may be null: no List.copyOf
        return new JobColumns(List.copyOf(c), List.copyOf(e), Collections.unmodifiableList(a));
    }

    /** {@code ", a = ?, b = total"}: to append to the assignments of an update ("" when none). */
    String assignments() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", ").append(columns.get(i)).append(" = ").append(expressions.get(i));
        }
        return sql.toString();
    }

    /** {@code "a, b, "}: to prepend to the column list of an insert. */
    String insertColumns() {
        StringBuilder sql = new StringBuilder();
        columns.forEach(c -> sql.append(c).append(", "));
        return sql.toString();
    }

    /** {@code "?, ?, "}: to prepend to the values of an insert. */
    String insertValues() {
        StringBuilder sql = new StringBuilder();
        expressions.forEach(e -> sql.append(e).append(", "));
        return sql.toString();
    }

    List<Object> args() {
        return args;
    }
}
