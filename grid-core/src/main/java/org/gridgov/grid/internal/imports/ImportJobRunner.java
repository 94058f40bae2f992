package org.gridgov.grid.internal.imports;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridTopologyChanged;
import org.gridgov.grid.GridType;
import org.gridgov.grid.ImportError;
import org.gridgov.grid.internal.BoundaryRules;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.GridAudit;
import org.gridgov.grid.internal.GridFiguresRollup;
import org.gridgov.grid.internal.SubtreeMover;
import org.gridgov.grid.internal.TopologyVersions;
import org.gridgov.grid.internal.PathIds;
import org.gridgov.grid.internal.imports.ImportValidator.Drawn;
import org.gridgov.grid.internal.imports.ImportValidator.ExistingChild;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.event.GridSubtreeMoved;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueue.ClaimedJob;
import org.gridgov.shared.job.JobQueues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued grid imports, jobs of the platform's {@link JobQueue} (claimed by exactly one node, heartbeat and
 * progress in their own transactions, claimed again after {@value JobQueue#STALE_MINUTES} minutes without a
 * heartbeat). Phases: READING → VALIDATING → (errors: FAILED, nothing written) → WRITING, the last in one
 * transaction.
 */
@Component
public class ImportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);
    /** At most this many of an import's moves are named in its audit event (all are counted). */
    private static final int MOVES_LISTED = 10;

    private final JdbcTemplate jdbc;
    private final JobQueue jobs;
    private final BoundaryRules rules;
    private final TopologyVersions topology;
    private final SubtreeMover mover;
    private final GridAudit audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writeTransaction;
    private final GridFiguresRollup figures;
    private final Clock clock;

    ImportJobRunner(JdbcTemplate jdbc, JobQueues queues, BoundaryRules rules, TopologyVersions topology,
            SubtreeMover mover, GridAudit audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, GridFiguresRollup figures, Optional<Clock> clock) {
        this.figures = figures;
        this.mover = mover;
        this.audit = audit;
        this.jdbc = jdbc;
        this.jobs = queues.queue(GridImportJobs.TABLE);
        this.rules = rules;
        this.topology = topology;
        this.events = events;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${gridgov.grid.import-poll-interval:PT1S}", initialDelayString = "PT3S")
    void poll() {
        jobs.drain(this::run);
    }

    /** Claims and runs one job; false when none is waiting. */
    public boolean runNext() {
        return jobs.runNext(this::run);
    }

    private void run(ClaimedJob claimed) {
        long jobId = claimed.id();
        try {
            Map<String, Object> job = jdbc.queryForMap(
                    "select format, charset, content, file_name, submitted_by from grid_import_job where id = ?", jobId);
            byte[] content = (byte[]) job.get("content");
            String charset = (String) job.get("charset");
            long start = System.nanoTime();
            FeatureReader.Read file = FeatureReader.read((String) job.get("format"), content,
                    charset == null ? null : Charset.forName(charset), done -> jobs.progress(jobId, "READING", done, 0));
            List<ImportFeature> read = ImportCodes.assign(file.features(), jdbc);
            int total = read.size();
            long readNanos = System.nanoTime() - start;
            jobs.progress(jobId, "VALIDATING", 0, total);
            ImportValidator validator = new ImportValidator(rules);
            validator.errors().addAll(file.problems()); // rows that could not be read are errors like any other
            long featuresStart = System.nanoTime();
            List<ImportFeature> features = validator.checkFeatures(read,
                    done -> jobs.progress(jobId, "VALIDATING", done, total));
            long featuresNanos = System.nanoTime() - featuresStart;
            long treeStart = System.nanoTime();
            Map<String, ExistingNode> existing = existing(features);
            validator.checkScope(features, existing, claimed.scope());
            validator.checkTree(features, existing, new PlatformTree(),
                    done -> jobs.progress(jobId, "VALIDATING", done, total));
            long treeNanos = System.nanoTime() - treeStart - validator.geometryNanos;
            if (!validator.errors().isEmpty()) {
                log.info("Grid import {} refused with {} errors; {}", jobId, validator.errors().size(),
                        phases(readNanos, featuresNanos, validator.parseNanos, treeNanos, validator.geometryNanos, 0));
                jobs.fail(jobId, validator.errors(), null);
                return;
            }
            jobs.progress(jobId, "WRITING", 0, total);
            Instant now = clock.instant();
            long[] version = new long[1];
            long writeStart = System.nanoTime();
            ImportWriter writer = writeTransaction.execute(status -> {
                version[0] = topology.bump();
                // no per-row dirty marks for up to 147k rows: the written nodes are marked in one statement below
                figures.suspendMarks();
                ImportWriter w = new ImportWriter(jdbc, mover, version[0], now);
                w.write(features, existing, done -> jobs.progress(jobId, "WRITING", done, total));
                figures.markWritten(version[0], w.created + w.updated,
                        w.moves.stream().map(GridSubtreeMoved::oldPath).toList());
                audit(jobId, job, claimed, w);
                return w;
            });
            long writeNanos = System.nanoTime() - writeStart;
            events.publishEvent(new GridTopologyChanged(version[0]));
            jobs.succeed(jobId, JobColumns.none().setSql("done", "total").set("created_count", writer.created)
                .set("updated_count", writer.updated).set("unchanged_count", writer.unchanged));
            log.info("Grid import {} done: {} created, {} updated, {} unchanged; {}", jobId, writer.created,
                    writer.updated, writer.unchanged,
                    phases(readNanos, featuresNanos, validator.parseNanos, treeNanos, validator.geometryNanos,
                            writeNanos));
        }
        catch (DomainException ex) {
            jobs.fail(jobId, List.of(new ImportError(0, null, "file", ex.code(), ex.getMessage())), null);
        }
        catch (RuntimeException ex) {
            log.error("Grid import {} failed unexpectedly", jobId, ex);
            jobs.fail(jobId, List.of(), "Unexpected failure: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    private Map<String, ExistingNode> existing(List<ImportFeature> features) {
        Set<String> codes = new HashSet<>();
        for (ImportFeature f : features) {
            if (f.code() != null) {
                codes.add(f.code());
            }
            if (f.parentCode() != null) {
                codes.add(f.parentCode());
            }
        }
        Map<String, ExistingNode> existing = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += 5000) {
            String[] chunk = all.subList(from, Math.min(all.size(), from + 5000)).toArray(String[]::new);
            jdbc.query("""
                    select n.id, n.code, n.type, n.status, n.path, n.depth, p.code as parent_code, n.name,
                           n.party_organisation, b.geometry
                      from grid_node n
                      left join grid_node p on p.id = n.parent_id
                      left join grid_boundary b on b.node_id = n.id and b.valid_to is null
                     where n.code = any(?)""", rs -> {
                existing.put(rs.getString("code"), new ExistingNode(rs.getLong("id"), rs.getString("code"),
                        rs.getString("type"), rs.getString("status"), rs.getString("path"), rs.getInt("depth"),
                        rs.getString("parent_code"), rs.getString("name"), rs.getBoolean("party_organisation"),
                        rs.getBytes("geometry")));
            }, (Object) chunk);
        }
        return existing;
    }

    /**
     * The phases' times for the log (benchmarks/grid reads it), e.g. {@code phases ms: read 1200, features 3100
     * (geometry validity 2000), tree 800, geometry rules 2400, write 2100, total 9600; geometry 46.9 %}: parsing the
     * file; checking each feature (codes, types, and reading each geometry with JTS's validity check); the tree (the
     * platform's nodes, scope, parents and types); the geometry rules (containment, sibling overlaps); writing.
     */
    private static String phases(long read, long features, long parse, long tree, long geometry, long write) {
        long total = read + features + tree + geometry + write;
        return String.format(java.util.Locale.ROOT,
                "phases ms: read %d, features %d (geometry validity %d), tree %d, geometry rules %d, write %d, total %d;"
                        + " geometry %.1f %%", read / 1_000_000, features / 1_000_000, parse / 1_000_000,
                tree / 1_000_000, geometry / 1_000_000, write / 1_000_000, total / 1_000_000,
                total == 0 ? 0.0 : 100.0 * (parse + geometry) / total);
    }

    /** One audit event per import, with its counts, on behalf of whoever submitted it. */
    private void audit(long jobId, Map<String, Object> job, ClaimedJob claimed, ImportWriter writer) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", job.get("file_name"));
        after.put("created", writer.created);
        after.put("updated", writer.updated);
        after.put("unchanged", writer.unchanged);
        after.put("moved", writer.moves.size());
        List<String> moved = writer.moves.stream().limit(MOVES_LISTED).map(m -> m.oldPath() + " → " + m.newPath())
            .toList();
        if (!moved.isEmpty()) {
            after.put("moves", moved);
        }
        String scope = claimed.scope().kind() == DataScope.Kind.SUBTREE ? claimed.scope().path() : null;
        audit.change(new Actor((String) job.get("submitted_by"), null, null), "GRID_IMPORTED", "grid_import", jobId,
                scope, null, after);
    }

    /** The platform's side of the import's geometry checks. */
    private final class PlatformTree implements ImportValidator.ExistingTree {

        @Override
        public Map<Long, List<ExistingChild>> children(Collection<Long> parentIds, boolean roots) {
            Map<Long, List<ExistingChild>> children = new HashMap<>();
            List<Long> all = new ArrayList<>(parentIds);
            for (int from = 0; from < all.size() || from == 0 && roots; from += 5000) {
                Long[] chunk = all.subList(from, Math.min(all.size(), from + 5000)).toArray(Long[]::new);
                jdbc.query("""
                        select n.id, n.parent_id, n.code, n.type, b.geometry from grid_node n
                          left join grid_boundary b on b.node_id = n.id and b.valid_to is null
                         where (n.parent_id = any(?) or ? and n.parent_id is null) and n.status = 'ACTIVE'""",
                        rs -> {
                            long parent = rs.getLong("parent_id");
                            Long key = rs.wasNull() ? null : parent;
                            byte[] wkb = rs.getBytes("geometry");
                            children.computeIfAbsent(key, k -> new ArrayList<>()).add(new ExistingChild(
                                    rs.getLong("id"), rs.getString("code"), GridType.valueOf(rs.getString("type")),
                                    wkb == null ? null : Geometries.fromWkb(wkb)));
                        }, chunk, from == 0 && roots);
            }
            return children;
        }

        @Override
        public Optional<Drawn> nearestDrawn(ExistingNode node) {
            List<Long> ids = PathIds.parse(node.path());
            Map<Long, Drawn> drawn = new HashMap<>();
            jdbc.query("""
                    select n.id, n.code, b.geometry from grid_node n
                      join grid_boundary b on b.node_id = n.id and b.valid_to is null
                     where n.id = any(?)""", rs -> {
                drawn.put(rs.getLong(1), new Drawn(rs.getString(2), Geometries.fromWkb(rs.getBytes(3))));
            }, (Object) ids.toArray(Long[]::new));
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (drawn.containsKey(ids.get(i))) {
                    return Optional.of(drawn.get(ids.get(i)));
                }
            }
            return Optional.empty();
        }
    }
}
