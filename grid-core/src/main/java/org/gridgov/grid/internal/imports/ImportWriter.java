package org.gridgov.grid.internal.imports;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import org.gridgov.grid.GridType;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.SubtreeMover;
import org.gridgov.shared.event.GridSubtreeMoved;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a validated import, parents before children, inside the caller's transaction: new nodes are batch
 * inserted with ids taken from the sequence up front (so their paths are complete at insert), existing nodes are
 * updated only where something differs — importing the same file twice changes nothing.
 */
final class ImportWriter {

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final SubtreeMover mover;
    private final long topologyVersion;
    private final Instant now;
    private final List<Object[]> nodeRows = new ArrayList<>();
    private final List<Object[]> boundaryRows = new ArrayList<>();
    private boolean moved;
    /** The subtrees this import moved, in order. */
    final List<GridSubtreeMoved> moves = new ArrayList<>();
    int created;
    int updated;
    int unchanged;

    private record Placed(long id, String path, int depth) {
    }

    ImportWriter(JdbcTemplate jdbc, SubtreeMover mover, long topologyVersion, Instant now) {
        this.jdbc = jdbc;
        this.mover = mover;
        this.topologyVersion = topologyVersion;
        this.now = now;
    }

    void write(List<ImportFeature> features, Map<String, ExistingNode> existing, IntConsumer progress) {
        List<ImportFeature> ordered = new ArrayList<>(features);
        ordered.sort(Comparator.comparingInt((ImportFeature f) -> level(ImportValidator.type(f)))
            .thenComparingInt(ImportFeature::index));
        int newCount = (int) ordered.stream().filter(f -> !existing.containsKey(f.code())).count();
        Iterator<Long> ids = newCount == 0 ? java.util.Collections.emptyIterator()
                : jdbc.queryForList("select nextval('grid_node_id_seq') from generate_series(1, ?)", Long.class, newCount)
                    .iterator();
        Map<String, Placed> placed = new HashMap<>();
        int done = 0;
        for (ImportFeature f : ordered) {
            Placed parent = f.parentCode() == null ? null : place(f.parentCode(), placed, existing);
            ExistingNode current = existing.get(f.code());
            if (current == null) {
                placed.put(f.code(), insert(ids.next(), f, parent));
                created++;
            }
            else {
                placed.put(f.code(), update(f, current, parent));
            }
            if (++done % BATCH == 0) {
                flush();
                progress.accept(done);
            }
        }
        flush();
        progress.accept(done);
    }

    private Placed place(String code, Map<String, Placed> placed, Map<String, ExistingNode> existing) {
        Placed known = placed.get(code);
        if (known != null) {
            return known;
        }
        ExistingNode node = existing.get(code);
        Placed found = moved ? currentPlace(node.id()) : new Placed(node.id(), node.path(), node.depth());
        placed.put(code, found);
        return found;
    }

    private Placed currentPlace(long id) {
        flush();
        return jdbc.queryForObject("select id, path, depth from grid_node where id = ?",
                (rs, row) -> new Placed(rs.getLong(1), rs.getString(2), rs.getInt(3)), id);
    }

    private Placed insert(long id, ImportFeature f, Placed parent) {
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        int depth = parent == null ? 0 : parent.depth() + 1;
        Timestamp at = Timestamp.from(now);
        nodeRows.add(new Object[] { id, f.code(), f.name(), f.type(), parent == null ? null : parent.id(), path, depth,
                Boolean.TRUE.equals(f.partyOrganisation()), topologyVersion, at, at });
        if (f.geometry() != null) {
            addBoundary(id, f.geometry());
        }
        return new Placed(id, path, depth);
    }

    private Placed update(ImportFeature f, ExistingNode current, Placed parent) {
        boolean changed = false;
        Placed place = moved ? currentPlace(current.id()) : new Placed(current.id(), current.path(), current.depth());
        if (!Objects.equals(f.parentCode(), current.parentCode())) {
            flush(); // the new parent may still sit in the batch
            String newPath = parent.path() + current.id() + "/";
            int newDepth = parent.depth() + 1;
            jdbc.update("""
                    update grid_node set parent_id = ?, path = ?, depth = ?, topology_version = ?, updated_at = ?,
                           version = version + 1
                     where id = ?""", parent.id(), newPath, newDepth, topologyVersion, Timestamp.from(now),
                    current.id());
            moves.add(mover.rebase(current.id(), place.path(), newPath, newDepth - place.depth(), topologyVersion));
            place = new Placed(current.id(), newPath, newDepth);
            moved = true;
            changed = true;
        }
        // a file that does not say (no party column, a blank cell) keeps the stored flag
        boolean party = f.partyOrganisation() == null ? current.partyOrganisation() : f.partyOrganisation();
        if (!f.name().equals(current.name()) || party != current.partyOrganisation()) {
            jdbc.update("""
                    update grid_node set name = ?, party_organisation = ?, topology_version = ?, updated_at = ?,
                           version = version + 1 where id = ?""", f.name(), party, topologyVersion,
                    Timestamp.from(now), current.id());
            changed = true;
        }
        if (f.geometry() != null && (current.boundary() == null
                || !f.geometry().equalsExact(Geometries.fromWkb(current.boundary()), 1e-9))) {
            jdbc.update("update grid_boundary set valid_to = greatest(?, valid_from + interval '1 millisecond') "
                    + "where node_id = ? and valid_to is null", Timestamp.from(now), current.id());
            addBoundary(current.id(), f.geometry());
            jdbc.update("update grid_node set topology_version = ?, updated_at = ?, version = version + 1 where id = ?",
                    topologyVersion, Timestamp.from(now), current.id());
            changed = true;
        }
        if (changed) {
            updated++;
        }
        else {
            unchanged++;
        }
        return place;
    }

    private void addBoundary(long nodeId, Geometry geometry) {
        Envelope e = geometry.getEnvelopeInternal();
        boundaryRows.add(new Object[] { nodeId, Geometries.toWkb(geometry), e.getMinX(), e.getMinY(), e.getMaxX(),
                e.getMaxY(), Timestamp.from(now) });
    }

    private void flush() {
        if (!nodeRows.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into grid_node (id, code, name, type, parent_id, path, depth, party_organisation,
                                           topology_version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", nodeRows);
            nodeRows.clear();
        }
        if (!boundaryRows.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into grid_boundary (node_id, geometry, min_lng, min_lat, max_lng, max_lat, valid_from)
                    values (?, ?, ?, ?, ?, ?, ?)""", boundaryRows);
            boundaryRows.clear();
        }
    }

    private static int level(GridType type) {
        return switch (type) {
            case CITY -> 0;
            case DISTRICT -> 1;
            case STREET -> 2;
            case COMMUNITY -> 3;
            case GENERAL_GRID, DEDICATED_GRID -> 4;
            case MICRO_GRID -> 5;
        };
    }
}
