package org.gridgov.grid.internal.imports;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridTopologyChanged;
import org.gridgov.grid.GridType;
import org.gridgov.grid.ImportError;
import org.gridgov.grid.internal.BoundaryRules;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.TopologyVersions;
import org.gridgov.grid.internal.imports.ImportValidator.ExistingSibling;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued grid imports. Every application node polls; a job is claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * it runs on exactly one node. Phases: READING → VALIDATING → (errors: FAILED, nothing written) → WRITING, the last
 * in one transaction. Progress and a heartbeat are written in their own short transactions so the API shows them
 * while the job runs; a RUNNING job without a heartbeat for {@value #STALE_MINUTES} minutes is claimed again.
 */
@Component
public class ImportJobRunner {

    static final int STALE_MINUTES = 2;
    private static final int MAX_REPORTED_ERRORS = 1000;
    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);

    private final JdbcTemplate jdbc;
    private final BoundaryRules rules;
    private final TopologyVersions topology;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writeTransaction;
    private final TransactionTemplate progressTransaction;
    private final JsonMapper json;
    private final Clock clock;
    private final String nodeName;

    ImportJobRunner(JdbcTemplate jdbc, BoundaryRules rules, TopologyVersions topology, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, JsonMapper json, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.topology = topology;
        this.events = events;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.progressTransaction = new TransactionTemplate(transactions);
        this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
        this.nodeName = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(fixedDelayString = "${gridgov.grid.import-poll-interval:PT1S}", initialDelayString = "PT3S")
    void poll() {
        try {
            while (runNext()) {
                // keep going while there is work
            }
        }
        catch (RuntimeException ex) {
            log.warn("Grid import poll failed; will retry: {}", ex.getMessage());
        }
    }

    /** Claims and runs one job; false when none is waiting. */
    public boolean runNext() {
        List<Long> claimed = jdbc.queryForList("""
                update grid_import_job set status = 'RUNNING', claimed_by = ?, heartbeat_at = now(), phase = 'READING',
                       done = 0, started_at = coalesce(started_at, now())
                 where id = (select id from grid_import_job
                              where status = 'QUEUED'
                                 or (status = 'RUNNING' and heartbeat_at < now() - make_interval(mins => ?))
                              order by id limit 1 for update skip locked)
                returning id""", Long.class, nodeName, STALE_MINUTES);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get(0));
        return true;
    }

    private void run(long jobId) {
        try {
            Map<String, Object> job = jdbc.queryForMap(
                    "select format, content, scope_node_id, scope_path from grid_import_job where id = ?", jobId);
            DataScope scope = job.get("scope_path") == null ? DataScope.all()
                    : DataScope.subtree(((Number) job.get("scope_node_id")).longValue(), (String) job.get("scope_path"));
            byte[] content = (byte[]) job.get("content");
            List<ImportFeature> read = FeatureReader.read((String) job.get("format"), new ByteArrayInputStream(content),
                    done -> progress(jobId, "READING", done, 0));
            int total = read.size();
            progress(jobId, "VALIDATING", 0, total);
            ImportValidator validator = new ImportValidator(rules);
            List<ImportFeature> features = validator.checkFeatures(read, done -> progress(jobId, "VALIDATING", done, total));
            Map<String, ExistingNode> existing = existing(features);
            validator.checkScope(features, existing, scope);
            validator.checkTree(features, existing, existingMicroSiblings(features, existing),
                    done -> progress(jobId, "VALIDATING", done, total));
            if (!validator.errors().isEmpty()) {
                fail(jobId, validator.errors(), null);
                return;
            }
            progress(jobId, "WRITING", 0, total);
            Instant now = clock.instant();
            long[] version = new long[1];
            ImportWriter writer = writeTransaction.execute(status -> {
                version[0] = topology.bump();
                ImportWriter w = new ImportWriter(jdbc, version[0], now);
                w.write(features, existing, done -> progress(jobId, "WRITING", done, total));
                return w;
            });
            events.publishEvent(new GridTopologyChanged(version[0]));
            jdbc.update("""
                    update grid_import_job set status = 'SUCCEEDED', done = total, created_count = ?, updated_count = ?,
                           unchanged_count = ?, finished_at = now(), content = null where id = ?""",
                    writer.created, writer.updated, writer.unchanged, jobId);
            log.info("Grid import {} done: {} created, {} updated, {} unchanged", jobId, writer.created, writer.updated,
                    writer.unchanged);
        }
        catch (DomainException ex) {
            fail(jobId, List.of(new ImportError(0, null, "file", ex.code(), ex.getMessage())), null);
        }
        catch (RuntimeException ex) {
            log.error("Grid import {} failed unexpectedly", jobId, ex);
            fail(jobId, List.of(), "Unexpected failure: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    private void progress(long jobId, String phase, int done, int total) {
        progressTransaction.executeWithoutResult(status -> jdbc.update(
                "update grid_import_job set phase = ?, done = ?, total = greatest(total, ?), heartbeat_at = now() "
                        + "where id = ?", phase, done, total, jobId));
    }

    private void fail(long jobId, List<ImportError> errors, String failure) {
        List<ImportError> reported = errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors;
        jdbc.update("""
                update grid_import_job set status = 'FAILED', error_count = ?, errors = cast(? as jsonb), failure = ?,
                       finished_at = now(), content = null where id = ?""",
                errors.size(), json.writeValueAsString(reported), failure, jobId);
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

    private Map<String, List<ExistingSibling>> existingMicroSiblings(List<ImportFeature> features,
            Map<String, ExistingNode> existing) {
        Set<Long> parentIds = new HashSet<>();
        for (ImportFeature f : features) {
            if (GridType.MICRO_GRID.name().equals(f.type()) && f.parentCode() != null
                    && existing.containsKey(f.parentCode())) {
                parentIds.add(existing.get(f.parentCode()).id());
            }
        }
        Map<String, List<ExistingSibling>> siblings = new HashMap<>();
        if (parentIds.isEmpty()) {
            return siblings;
        }
        jdbc.query("""
                select p.code as parent_code, n.code, b.geometry from grid_node n
                  join grid_node p on p.id = n.parent_id
                  join grid_boundary b on b.node_id = n.id and b.valid_to is null
                 where n.parent_id = any(?) and n.type = 'MICRO_GRID' and n.status = 'ACTIVE'""", rs -> {
            siblings.computeIfAbsent(rs.getString("parent_code"), k -> new ArrayList<>())
                .add(new ExistingSibling(rs.getString("code"), Geometries.fromWkb(rs.getBytes("geometry"))));
        }, (Object) parentIds.toArray(Long[]::new));
        return siblings;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (java.io.IOException ex) {
            return "node";
        }
    }

}
