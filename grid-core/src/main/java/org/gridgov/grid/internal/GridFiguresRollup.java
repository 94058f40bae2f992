package org.gridgov.grid.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The four core grid figures of every node — active nodes per type, staff on duty per role, grids without a primary
 * worker, grids without a boundary — kept as sums over the node's subtree in {@code grid_figures_rollup}, so that
 * the figures of any node, the CITY root of a 147k-grid city included, are one primary-key read.
 * <p>
 * <b>How it is kept.</b> Writers never touch the sums: row triggers on {@code grid_node}, {@code grid_staff} and
 * {@code grid_boundary} append the path of the node whose own contribution changed to {@code grid_figures_dirty}
 * (both paths for a move), in the writer's transaction. A job ({@link RefreshJob}, every
 * {@code gridgov.grid.figures-refresh-interval}, default 2 s, once across nodes through ShedLock) consumes the marks
 * and recomputes the marked nodes and their ancestors bottom-up, each as its own contribution plus its children's
 * rows — a handful of index reads per node, independent of the subtree's size. Bulk writers (the grid import)
 * switch the triggers off for their transaction and mark or invalidate in one statement ({@link #suspendMarks},
 * {@link #markWritten}). Staff "on duty" depends on the day, so the rows belong to one day
 * ({@code grid_figures_state.on_day}); when the day changes, or when the state was invalidated (never built, a bulk
 * import, a TRUNCATE), the job rebuilds every row in one set-based statement.
 * <p>
 * <b>How fresh a read is.</b> {@link #read} is exact as of its own statement, not "at most one job interval old": in
 * the same statement that reads the node's row it reads the marks inside the node's subtree, and when there are any it
 * recomputes just the marked nodes of the subtree (their own contributions plus their unmarked children's rows)
 * without writing anything. It gives up (empty: the caller computes live) when the rows belong to another day, when the
 * subtree holds more than {@value #READ_MARKS_MAX} marks, or when a row is missing.
 */
@Component
public class GridFiguresRollup {

    private static final Logger log = LoggerFactory.getLogger(GridFiguresRollup.class);

    /** A refresh that would recompute more nodes than this rebuilds everything in one set-based statement instead. */
    static final int REBUILD_ABOVE = 20_000;
    /** A read whose subtree holds more marks than this is computed live by the caller. */
    static final int READ_MARKS_MAX = 1_000;
    /** Transaction-level advisory lock serialising every writer of the rows (the job, a rebuild asked for in tests). */
    public static final long REFRESH_LOCK = 0x6772_6964_6669_6773L; // "gridfigs"

    /** The counters in column order: nodes per type, staff per role, without primary worker, without boundary. */
    static final List<String> COLUMNS = columns();
    private static final int TYPES = GridType.values().length;
    private static final int ROLES = StaffRole.values().length;
    private static final int WITHOUT_WORKER = TYPES + ROLES;
    private static final int WITHOUT_BOUNDARY = WITHOUT_WORKER + 1;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    GridFiguresRollup(JdbcTemplate jdbc, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The four core figures of one node. */
    public record CoreFigures(Map<GridType, Long> descendantsByType, Map<StaffRole, Long> staffByRole,
            long gridsWithoutPrimaryWorker, long gridsWithoutBoundary) {
    }

    /** What a refresh did. */
    public enum Refreshed { NOTHING, INCREMENTAL, REBUILT }

    /**
     * The figures of a node from its row, exact as of the read (see the class comment), or empty when the caller must
     * compute them live. The node's own type is left out of its counts by type, as the figures define.
     */
    public Optional<CoreFigures> read(long nodeId, String path, LocalDate today) {
        SqlPredicate marked = PathRange.under(path).sql("d.path");
        List<Object> row = jdbc.query("""
                select s.on_day, n.status, n.type,
                       array(select d.path from grid_figures_dirty d where %s limit %d) as marks,
                       r.node_id is not null as has_row, %s
                  from grid_figures_state s
                  left join grid_node n on n.id = ?
                  left join grid_figures_rollup r on r.node_id = ?"""
                .formatted(marked.sql(), READ_MARKS_MAX + 1, prefixed("r.")),
                rs -> {
                    rs.next();
                    Date day = rs.getDate(1);
                    List<Object> values = new ArrayList<>();
                    values.add(day == null ? null : day.toLocalDate());
                    values.add(rs.getString(2));
                    values.add(rs.getString(3));
                    values.add(strings(rs.getArray(4)));
                    values.add(rs.getBoolean(5));
                    values.add(counters(rs, 6));
                    return values;
                }, marked.argsBefore(nodeId, nodeId));
        if (!today.equals(row.get(0)) || row.get(1) == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> marks = (List<String>) row.get(3);
        long[] sums = (long[]) row.get(5);
        if (!marks.isEmpty()) {
            if (marks.size() > READ_MARKS_MAX) {
                return Optional.empty();
            }
            Set<Long> ids = new LinkedHashSet<>();
            ids.add(nodeId);
            for (String mark : marks) {
                ids.addAll(PathIds.parse(mark.substring(path.length()))); // the marked node and its ancestors below us
            }
            Map<Long, long[]> computed = compute(ids, today);
            sums = computed == null ? null : computed.get(nodeId);
        }
        else if (!(Boolean) row.get(4)) {
            sums = null;
        }
        if (sums == null) {
            return Optional.empty();
        }
        GridType type = GridType.valueOf((String) row.get(2));
        if ("ACTIVE".equals(row.get(1))) {
            sums[type.ordinal()]--; // the node itself is not its own descendant
        }
        return Optional.of(figures(sums));
    }

    /**
     * The job's work: rebuilds every row when the day changed or the state was invalidated, else consumes the marks
     * and recomputes the marked nodes and their ancestors (or rebuilds, when they are more than
     * {@value #REBUILD_ABOVE}). Serialised by an advisory lock, so two refreshes never interleave.
     */
    @Transactional
    public Refreshed refresh() {
        LocalDate today = LocalDate.now(clock);
        lock();
        LocalDate onDay = jdbc.queryForObject("select on_day from grid_figures_state", LocalDate.class);
        if (!today.equals(onDay)) {
            rebuildLocked(today, onDay == null ? "not built or invalidated" : "the day changed");
            return Refreshed.REBUILT;
        }
        // only the marks committed before this statement: later ones stay for the next run
        List<String> marks = jdbc.queryForList("delete from grid_figures_dirty returning path", String.class);
        if (marks.isEmpty()) {
            return Refreshed.NOTHING;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String mark : marks) {
            ids.addAll(PathIds.parse(mark));
        }
        if (ids.size() > REBUILD_ABOVE) {
            rebuildLocked(today, ids.size() + " nodes marked");
            return Refreshed.REBUILT;
        }
        long start = System.nanoTime();
        Map<Long, long[]> sums = compute(ids, today);
        if (sums == null) {
            rebuildLocked(today, "a row was missing");
            return Refreshed.REBUILT;
        }
        upsert(sums);
        List<Long> gone = ids.stream().filter(id -> !sums.containsKey(id)).toList();
        if (!gone.isEmpty()) {
            jdbc.update("delete from grid_figures_rollup where node_id = any (?)", (Object) gone.toArray(Long[]::new));
        }
        log.debug("Grid figures: {} marks, {} nodes recomputed in {} ms", marks.size(), sums.size(),
                (System.nanoTime() - start) / 1_000_000);
        return Refreshed.INCREMENTAL;
    }

    /**
     * For a bulk writer of staff that {@linkplain #suspendMarks suspended} the marks: marks the given nodes in one
     * statement (above {@value #REBUILD_ABOVE} invalidates the rows instead) and switches the triggers back on.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void markNodes(Collection<Long> nodeIds) {
        jdbc.queryForObject("select set_config('gridgov.grid_figures_marks', 'on', true)", String.class);
        if (nodeIds.size() > REBUILD_ABOVE) {
            jdbc.update("update grid_figures_state set on_day = null");
        }
        else if (!nodeIds.isEmpty()) {
            jdbc.update("insert into grid_figures_dirty (path) select path from grid_node where id = any (?)",
                    (Object) nodeIds.toArray(Long[]::new));
        }
    }

    /** Rebuilds every row for today, consuming every mark. */
    @Transactional
    public void rebuild() {
        lock();
        rebuildLocked(LocalDate.now(clock), "asked for");
    }

    /**
     * Switches the mark triggers off for the rest of the caller's transaction: for a bulk writer, which then calls
     * {@link #markWritten} before it commits.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void suspendMarks() {
        jdbc.queryForObject("select set_config('gridgov.grid_figures_marks', 'off', true)", String.class);
    }

    /**
     * For a bulk writer that {@linkplain #suspendMarks suspended} the marks: marks the nodes it wrote (those that now
     * carry {@code topologyVersion}) and the old paths of the subtrees it moved, in one statement each; above
     * {@value #REBUILD_ABOVE} written nodes it invalidates the rows instead (the job rebuilds them, reads compute live
     * meanwhile). Switches the triggers back on.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void markWritten(long topologyVersion, int written, Collection<String> oldPaths) {
        jdbc.queryForObject("select set_config('gridgov.grid_figures_marks', 'on', true)", String.class);
        if (written > REBUILD_ABOVE) {
            jdbc.update("update grid_figures_state set on_day = null");
            return;
        }
        jdbc.update("insert into grid_figures_dirty (path) select path from grid_node where topology_version = ?",
                topologyVersion);
        if (!oldPaths.isEmpty()) {
            jdbc.update("insert into grid_figures_dirty (path) select unnest(?::varchar[])",
                    (Object) oldPaths.toArray(String[]::new));
        }
    }

    private void lock() {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> { }, REFRESH_LOCK);
    }

    private void rebuildLocked(LocalDate today, String why) {
        long start = System.nanoTime();
        jdbc.update("delete from grid_figures_dirty");
        jdbc.update("delete from grid_figures_rollup");
        String sums = COLUMNS.stream().map(c -> "sum(o." + c + ")").collect(Collectors.joining(", "));
        int rows = jdbc.update("""
                insert into grid_figures_rollup (node_id, %s)
                select a.id::bigint, %s
                  from (select n.path, %s
                          from grid_node n
                          left join (select s.node_id, %s, bool_or(s.primary_worker) as has_primary
                                       from grid_staff s
                                      where s.assigned_from <= ? and (s.assigned_to is null or s.assigned_to >= ?)
                                      group by s.node_id) st on st.node_id = n.id
                          left join (select distinct b.node_id from grid_boundary b where b.valid_to is null) b
                                 on b.node_id = n.id) o
                 cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')) a(id)
                 group by a.id""".formatted(String.join(", ", COLUMNS), sums, own("b.node_id is null"),
                staffCounts()),
                Date.valueOf(today), Date.valueOf(today));
        jdbc.update("update grid_figures_state set on_day = ?, rebuilt_at = now()", Date.valueOf(today));
        log.info("Grid figures rebuilt for {} ({}): {} nodes in {} ms", today, why, rows,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The sums of the given nodes: each node's own contribution plus, per child, the child's sums — computed here when
     * the child is one of the given nodes (deeper first), else its row. Null when a child outside the given nodes has
     * no row. Nodes that no longer exist are left out. Reads only.
     */
    private Map<Long, long[]> compute(Collection<Long> ids, LocalDate today) {
        Long[] idArray = ids.toArray(Long[]::new);
        record Own(long id, int depth, long[] sums) {
        }
        List<Own> own = jdbc.query("""
                select n.id, n.depth, %s
                  from grid_node n
                 cross join lateral (select %s, bool_or(s.primary_worker) as has_primary
                                       from grid_staff s
                                      where s.node_id = n.id and s.assigned_from <= ?
                                        and (s.assigned_to is null or s.assigned_to >= ?)) st
                 where n.id = any (?)""".formatted(own("not exists (select 1 from grid_boundary b "
                        + "where b.node_id = n.id and b.valid_to is null)"), staffCounts()),
                (rs, i) -> new Own(rs.getLong(1), rs.getInt(2), counters(rs, 3)),
                Date.valueOf(today), Date.valueOf(today), idArray);
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, long[]> childRows = new HashMap<>();
        jdbc.query("""
                select c.id, c.parent_id, r.node_id is not null, %s
                  from grid_node c left join grid_figures_rollup r on r.node_id = c.id
                 where c.parent_id = any (?)""".formatted(prefixed("r.")),
                rs -> {
                    long id = rs.getLong(1);
                    children.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(id);
                    if (rs.getBoolean(3)) {
                        childRows.put(id, counters(rs, 4));
                    }
                }, (Object) idArray);
        Map<Long, long[]> sums = new HashMap<>();
        own.sort(Comparator.comparingInt(Own::depth).reversed());
        for (Own node : own) {
            long[] total = node.sums().clone();
            for (long child : children.getOrDefault(node.id(), List.of())) {
                long[] part = sums.containsKey(child) ? sums.get(child) : childRows.get(child);
                if (part == null) {
                    return null;
                }
                for (int i = 0; i < total.length; i++) {
                    total[i] += part[i];
                }
            }
            sums.put(node.id(), total);
        }
        return sums;
    }

    private void upsert(Map<Long, long[]> sums) {
        String updates = COLUMNS.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        String placeholders = String.join(", ", java.util.Collections.nCopies(COLUMNS.size() + 1, "?"));
        List<Object[]> rows = new ArrayList<>(sums.size());
        sums.forEach((id, values) -> {
            Object[] row = new Object[values.length + 1];
            row[0] = id;
            for (int i = 0; i < values.length; i++) {
                row[i + 1] = (int) values[i];
            }
            rows.add(row);
        });
        jdbc.batchUpdate("insert into grid_figures_rollup (node_id, %s) values (%s) on conflict (node_id) do update set %s"
            .formatted(String.join(", ", COLUMNS), placeholders, updates), rows);
    }

    /** A node's own contribution, one column per counter, over {@code n} and its on-duty staff {@code st}. */
    private static String own(String withoutBoundary) {
        List<String> parts = new ArrayList<>();
        for (GridType type : GridType.values()) {
            parts.add("(n.status = 'ACTIVE' and n.type = '%s')::int as %s".formatted(type.name(), column("nodes_", type)));
        }
        for (StaffRole role : StaffRole.values()) {
            parts.add("coalesce(st.%s, 0)::int as %s".formatted(column("", role), column("staff_", role)));
        }
        parts.add("(n.status = 'ACTIVE' and n.type in ('GENERAL_GRID', 'MICRO_GRID', 'DEDICATED_GRID')"
                + " and not coalesce(st.has_primary, false))::int as without_primary_worker");
        parts.add("(n.status = 'ACTIVE' and " + withoutBoundary + ")::int as without_boundary");
        return String.join(", ", parts);
    }

    private static String staffCounts() {
        List<String> parts = new ArrayList<>();
        for (StaffRole role : StaffRole.values()) {
            parts.add("count(*) filter (where s.role = '%s') as %s".formatted(role.name(), column("", role)));
        }
        return String.join(", ", parts);
    }

    private static String prefixed(String alias) {
        return COLUMNS.stream().map(c -> alias + c).collect(Collectors.joining(", "));
    }

    private static long[] counters(ResultSet rs, int first) throws SQLException {
        long[] values = new long[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getLong(first + i);
        }
        return values;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static CoreFigures figures(long[] sums) {
        Map<GridType, Long> byType = new java.util.EnumMap<>(GridType.class);
        for (GridType type : GridType.values()) {
            byType.put(type, sums[type.ordinal()]);
        }
        Map<StaffRole, Long> byRole = new java.util.EnumMap<>(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            byRole.put(role, sums[TYPES + role.ordinal()]);
        }
        return new CoreFigures(byType, byRole, sums[WITHOUT_WORKER], sums[WITHOUT_BOUNDARY]);
    }

    private static String column(String prefix, Enum<?> value) {
        return prefix + value.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (GridType type : GridType.values()) {
            columns.add(column("nodes_", type));
        }
        for (StaffRole role : StaffRole.values()) {
            columns.add(column("staff_", role));
        }
        columns.add("without_primary_worker");
        columns.add("without_boundary");
        return List.copyOf(columns);
    }

    /** Refreshes the rows every {@code gridgov.grid.figures-refresh-interval} (2 s), on one node at a time. */
    @Component
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class RefreshJob {

        private final GridFiguresRollup rollup;

        RefreshJob(GridFiguresRollup rollup) {
            this.rollup = rollup;
        }

        @Scheduled(fixedDelayString = "${gridgov.grid.figures-refresh-interval:PT2S}", initialDelayString = "PT1S")
        @SchedulerLock(name = "grid-figures-rollup", lockAtMostFor = "PT10M")
        void refresh() {
            rollup.refresh();
        }
    }
}
