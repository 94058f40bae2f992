package org.gridgov.grid.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridStatus;
import org.gridgov.grid.GridTopologyChanged;
import org.gridgov.grid.GridType;
import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.shared.cluster.ClusterListener;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * In-memory spatial index of every active grid's current boundary: a JTS {@link STRtree} over prepared
 * geometries, so "which grid is this point in" never scans polygons.
 * <p>
 * Each application node keeps its own index and follows the database: it polls the topology version
 * ({@link TopologyVersions}) and loads only the nodes changed since the version it has seen into a small overlay
 * that shadows the (immutable) base tree; past {@value #OVERLAY_LIMIT} changes it rebuilds the base. Changes made
 * on this node are applied right after their commit; changes made on another node as soon as their commit is
 * announced on the cluster channel {@value TopologyVersions#CHANNEL} (PostgreSQL NOTIFY, typically well under 100
 * ms), and at the latest at the next poll ({@code gridgov.grid.index-refresh-interval}, default 2 s) — the
 * documented delay of docs/SCALING.md. Readers see one consistent snapshot at a time.
 */
@Component
@Order(100) // start-up: after the first administrator and the demo data
public class GridSpatialIndex implements StartupTask {

    static final int OVERLAY_LIMIT = 2_000;

    private static final Logger log = LoggerFactory.getLogger(GridSpatialIndex.class);

    private static final String SELECT = """
            select n.id, n.code, n.name, n.type, n.parent_id, n.status, b.geometry
              from grid_node n left join grid_boundary b on b.node_id = n.id and b.valid_to is null
            """;

    /** A grid node as the index knows it. */
    public record NodeInfo(long id, String code, String name, GridType type, Long parentId) {
    }

    private record Entry(long nodeId, int priority, double area, PreparedGeometry geometry) {
    }

    /** One consistent view: base tree + overlay of nodes changed since the base was built. */
    private record Snapshot(long version, STRtree base, Map<Long, NodeInfo> baseNodes, Map<String, NodeInfo> baseCodes,
            STRtree overlay, Map<Long, Optional<NodeInfo>> overlayNodes, Map<String, NodeInfo> overlayCodes,
            Set<Long> shadowed) {

        NodeInfo node(long id) {
            Optional<NodeInfo> changed = overlayNodes.get(id);
            if (changed != null) {
                return changed.orElse(null);
            }
            return baseNodes.get(id);
        }

        /** By code, as of this version: the base's entry only if its node was neither retired nor given another code. */
        NodeInfo byCode(String code) {
            NodeInfo found = overlayCodes.get(code);
            if (found == null) {
                found = baseCodes.get(code);
            }
            NodeInfo now = found == null ? null : node(found.id());
            return now != null && now.code().equals(code) ? now : null;
        }
    }

    private final JdbcTemplate jdbc;
    private final TopologyVersions topology;
    private volatile Snapshot snapshot;

    GridSpatialIndex(JdbcTemplate jdbc, TopologyVersions topology, ClusterEvents cluster,
            @Value("${gridgov.grid.index-preload:true}") boolean preload) {
        this.jdbc = jdbc;
        this.topology = topology;
        if (preload) {
            // issue 18: the boundaries load (tens of seconds on the 147k-grid city) overlaps the rest of the context
            // refresh on the other core instead of following it; the start-up task then finds the index loaded
            // (refresh is synchronized: it waits for this load, and only catches up what changed since)
            Thread loader = new Thread(this::poll, "grid-index-preload");
            loader.setDaemon(true);
            loader.start();
        }
        cluster.subscribe(TopologyVersions.CHANNEL, new ClusterListener() {
            @Override
            public void onEvent(String version) {
                poll();
            }

            @Override
            public void onResynchronise() {
                poll();
            }
        });
    }

    /** The id of the grid with the highest priority (then the smallest area) whose boundary covers the point. */
    public Optional<Long> locate(double lat, double lng) {
        Snapshot current = current();
        Point point = Geometries.factory().createPoint(new Coordinate(lng, lat));
        Envelope envelope = point.getEnvelopeInternal();
        Best best = new Best();
        current.base().query(envelope, item -> {
            Entry entry = (Entry) item;
            if (!current.shadowed().contains(entry.nodeId())) {
                best.offer(entry, point);
            }
        });
        current.overlay().query(envelope, item -> best.offer((Entry) item, point));
        return best.entry == null ? Optional.empty() : Optional.of(best.entry.nodeId());
    }

    /** The node as of the index's current version, or null when unknown or retired. */
    public NodeInfo node(long id) {
        return current().node(id);
    }

    /**
     * The active node with this code as of the index's current version, or null (the grid card by its QR code: no
     * database read; a grid created on another node is found within the index's delay, as it is located).
     */
    public NodeInfo byCode(String code) {
        return code == null ? null : current().byCode(code);
    }

    /** The chain from the district down to {@code id}, inclusive. */
    public List<NodeInfo> chain(long id) {
        Snapshot current = current();
        List<NodeInfo> chain = new ArrayList<>(6);
        NodeInfo node = current.node(id);
        while (node != null) {
            chain.add(0, node);
            node = node.parentId() == null ? null : current.node(node.parentId());
        }
        return chain;
    }

    public long version() {
        return current().version();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null) {
            refresh();
            current = snapshot;
        }
        return current;
    }

    /**
     * Loads the whole index once at start, before the node reports ready (on the 147k-grid city this takes tens of
     * seconds: the web application runs it in the background with readiness OUT_OF_SERVICE, issue 18).
     */
    @Override
    public void runAtStartup() {
        refresh();
    }

    @Override
    public String startupTaskName() {
        return "grid index";
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onLocalChange(GridTopologyChanged event) {
        refresh();
    }

    /** Every node of the cluster polls: each keeps its own index (not a cluster-wide job, so no lock). */
    @Scheduled(fixedDelayString = "${gridgov.grid.index-refresh-interval:PT2S}", initialDelayString = "PT5S")
    void poll() {
        try {
            refresh();
        }
        catch (RuntimeException ex) {
            log.warn("Grid index refresh failed; will retry: {}", ex.getMessage());
        }
    }

    /** Brings the index up to the database's topology version. */
    public synchronized void refresh() {
        long target = topology.current();
        Snapshot current = snapshot;
        if (current != null && current.version() == target) {
            return;
        }
        if (current == null) {
            snapshot = fullLoad(target);
            return;
        }
        Map<Long, Optional<NodeInfo>> overlayNodes = new HashMap<>(current.overlayNodes());
        Map<Long, Entry> overlayEntries = new HashMap<>();
        // re-read everything already in the overlay plus what changed, so the overlay tree is rebuilt whole
        List<Row> changed = jdbc.query(SELECT + " where n.topology_version > ? and n.topology_version <= ?",
                GridSpatialIndex::row, current.version(), target);
        Set<Long> changedIds = new HashSet<>();
        for (Row row : changed) {
            changedIds.add(row.info().id());
            overlayNodes.put(row.info().id(), row.active() ? Optional.of(row.info()) : Optional.empty());
        }
        if (overlayNodes.size() > OVERLAY_LIMIT) {
            snapshot = fullLoad(target);
            return;
        }
        Set<Long> previous = new HashSet<>(current.overlayNodes().keySet());
        previous.removeAll(changedIds);
        if (!previous.isEmpty()) {
            for (Row row : jdbc.query(SELECT + " where n.id = any(?)", GridSpatialIndex::row,
                    (Object) previous.toArray(Long[]::new))) {
                entry(row).ifPresent(entry -> overlayEntries.put(entry.nodeId(), entry));
            }
        }
        for (Row row : changed) {
            entry(row).ifPresent(entry -> overlayEntries.put(entry.nodeId(), entry));
        }
        STRtree overlay = new STRtree();
        overlayEntries.values().forEach(entry -> overlay.insert(entry.geometry().getGeometry().getEnvelopeInternal(), entry));
        overlay.build();
        Map<String, NodeInfo> overlayCodes = new HashMap<>();
        overlayNodes.values().forEach(node -> node.ifPresent(info -> overlayCodes.put(info.code(), info)));
        snapshot = new Snapshot(target, current.base(), current.baseNodes(), current.baseCodes(), overlay,
                Map.copyOf(overlayNodes), Map.copyOf(overlayCodes), Set.copyOf(overlayNodes.keySet()));
    }

    private Snapshot fullLoad(long version) {
        long started = System.nanoTime();
        Map<Long, NodeInfo> nodes = new HashMap<>();
        Map<String, NodeInfo> codes = new HashMap<>();
        STRtree tree = new STRtree();
        jdbc.query(SELECT + " where n.status = 'ACTIVE'", rs -> {
            Row row = row(rs, 0);
            nodes.put(row.info().id(), row.info());
            codes.put(row.info().code(), row.info());
            entry(row).ifPresent(entry -> tree.insert(entry.geometry().getGeometry().getEnvelopeInternal(), entry));
        });
        tree.build();
        STRtree emptyOverlay = new STRtree();
        emptyOverlay.build();
        log.info("Grid index loaded: {} nodes, {} boundaries, version {}, in {} ms", nodes.size(), tree.size(),
                version, (System.nanoTime() - started) / 1_000_000);
        return new Snapshot(version, tree, nodes, codes, emptyOverlay, Map.of(), Map.of(), Set.of());
    }

    private record Row(NodeInfo info, boolean active, byte[] geometry) {
    }

    private static Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        NodeInfo info = new NodeInfo(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                GridType.valueOf(rs.getString("type")), parentId);
        return new Row(info, GridStatus.ACTIVE.name().equals(rs.getString("status")), rs.getBytes("geometry"));
    }

    private static Optional<Entry> entry(Row row) {
        if (!row.active() || row.geometry() == null) {
            return Optional.empty();
        }
        Geometry geometry = Geometries.fromWkb(row.geometry());
        return Optional.of(new Entry(row.info().id(), row.info().type().locatePriority(), geometry.getArea(),
                PreparedGeometryFactory.prepare(geometry)));
    }

    private static final class Best {

        Entry entry;

        void offer(Entry candidate, Point point) {
            if (entry != null && !better(candidate, entry)) {
                return;
            }
            if (candidate.geometry().covers(point)) {
                entry = candidate;
            }
        }

        private static boolean better(Entry a, Entry b) {
            if (a.priority() != b.priority()) {
                return a.priority() > b.priority();
            }
            if (a.area() != b.area()) {
                return a.area() < b.area();
            }
            return a.nodeId() < b.nodeId();
        }
    }
}
