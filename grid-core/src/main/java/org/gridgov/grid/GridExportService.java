package org.gridgov.grid;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.internal.Geometries;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports a subtree as GeoJSON (with current boundaries) or CSV, in exactly the formats the import reads, so an
 * export re-imports as "unchanged". Rows are streamed from a server-side cursor: memory stays flat for a whole
 * district. Every export is in the audit log.
 */
@Service
public class GridExportService {

    /** The active nodes of the subtree, parents before children; {@code %s} is the subtree predicate. */
    private static final String SELECT = """
            select n.code, n.name, n.type, p.code as parent_code, n.party_organisation, b.geometry
              from grid_node n
              left join grid_node p on p.id = n.parent_id
              left join grid_boundary b on b.node_id = n.id and b.valid_to is null
             where %s and n.status = 'ACTIVE'
             order by n.depth, n.path""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final GridNodeService grids;
    private final AuditLog audit;

    GridExportService(JdbcTemplate jdbc, JsonMapper json, GridNodeService grids, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.grids = grids;
        this.audit = audit;
    }

    /** Checks the node exists (before a streamed response starts). */
    public GridNodeView require(long nodeId) {
        return grids.get(nodeId);
    }

    @Transactional(readOnly = true)
    public void writeGeoJson(long nodeId, OutputStream out) {
        String path = grids.pathOf(nodeId);
        audit.record("EXPORT", "grid", String.valueOf(nodeId), path, "subtree as GeoJSON");
        SqlPredicate subtree = PathRange.under(path).sql("n.path");
        JdbcTemplate cursor = cursor();
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("type", "FeatureCollection");
            generator.writeArrayPropertyStart("features");
            cursor.query(SELECT.formatted(subtree.sql()), rs -> {
                generator.writeStartObject();
                generator.writeStringProperty("type", "Feature");
                generator.writeObjectPropertyStart("properties");
                generator.writeStringProperty("code", rs.getString("code"));
                generator.writeStringProperty("name", rs.getString("name"));
                generator.writeStringProperty("type", rs.getString("type"));
                generator.writeStringProperty("parentCode", rs.getString("parent_code"));
                generator.writeBooleanProperty("partyOrganisation", rs.getBoolean("party_organisation"));
                generator.writeEndObject();
                byte[] geometry = rs.getBytes("geometry");
                generator.writeName("geometry");
                if (geometry == null) {
                    generator.writeNull();
                }
                else {
                    generator.writeRawValue(Geometries.toGeoJson(Geometries.fromWkb(geometry)));
                }
                generator.writeEndObject();
            }, subtree.array());
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    @Transactional(readOnly = true)
    public void writeCsv(long nodeId, OutputStream out) {
        String path = grids.pathOf(nodeId);
        audit.record("EXPORT", "grid", String.valueOf(nodeId), path, "subtree as CSV");
        SqlPredicate subtree = PathRange.under(path).sql("n.path");
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                .setHeader("code", "name", "type", "parentCode", "partyOrganisation").get());
            cursor().query(SELECT.formatted(subtree.sql()), rs -> {
                try {
                    csv.printRecord(rs.getString("code"), rs.getString("name"), rs.getString("type"),
                            rs.getString("parent_code"), rs.getBoolean("party_organisation"));
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, subtree.array());
            csv.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private JdbcTemplate cursor() {
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(1000); // inside a transaction PgJDBC then streams with a cursor
        return cursor;
    }
}
