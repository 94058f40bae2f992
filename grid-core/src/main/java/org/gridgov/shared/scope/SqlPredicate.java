package org.gridgov.shared.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A piece of SQL for a {@code where} clause and the positional arguments its {@code ?}s take, in order. Built by
 * {@link DataScope#sql(String)} and {@link PathRange#sql(String)}, so no module writes a path range by hand.
 *
 * <pre>{@code
 * SqlPredicate visible = scopes.current().sql("p.grid_path");
 * jdbc.query("select ... from resident_person p where p.id = ? and " + visible.sql(), mapper,
 *         visible.argsAfter(id));
 * }</pre>
 */
public record SqlPredicate(String sql, List<Object> args) {

    public static final SqlPredicate TRUE = new SqlPredicate("true", List.of());
    public static final SqlPredicate FALSE = new SqlPredicate("false", List.of());

    public SqlPredicate {
        args = List.copyOf(args);
    }

    public static SqlPredicate of(String sql, Object... args) {
        return new SqlPredicate(sql, Arrays.asList(args));
    }

    /** Both hold: {@code (this) and (other)}. */
    public SqlPredicate and(SqlPredicate other) {
        if (this == TRUE) {
            return other;
        }
        if (other == TRUE) {
            return this;
        }
        return new SqlPredicate("(" + sql + ") and (" + other.sql + ")", concat(args, other.args));
    }

    /** Either holds: {@code ((this) or (other))}. */
    public SqlPredicate or(SqlPredicate other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return new SqlPredicate("((" + sql + ") or (" + other.sql + "))", concat(args, other.args));
    }

    /** The arguments as an array, for {@code JdbcTemplate}. */
    public Object[] array() {
        return args.toArray();
    }

    /** The arguments that come before this predicate's in the statement, then this predicate's. */
    public Object[] argsAfter(Object... before) {
        List<Object> all = new ArrayList<>(Arrays.asList(before));
        all.addAll(args);
        return all.toArray();
    }

    /** This predicate's arguments, then those that come after it in the statement. */
    public Object[] argsBefore(Object... after) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(after));
        return all.toArray();
    }

    /** Appends {@code " and " + sql} to a where clause being built, and its arguments to the list. */
    public void appendTo(StringBuilder where, Collection<Object> arguments) {
        where.append(" and ").append(sql);
        arguments.addAll(args);
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
