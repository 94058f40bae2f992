package org.gridgov.grid;

import java.io.OutputStream;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.internal.Geometries;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports a subtree as GeoJSON (with current boundaries) or a table (CSV, .xlsx), in exactly the formats the import reads, so an
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

    /**
     * The subtree as a table in the CSV import format — code, name, type, parentCode, partyOrganisation — as CSV
     * (UTF-8 with a BOM, so Excel shows Chinese) or .xlsx, through the platform's one exporter: a name that would
     * start a formula ({@code =HYPERLINK(…)}) is written as text, and restored when the file is imported again.
     */
    @Transactional(readOnly = true)
    public void writeTable(long nodeId, TableFormat format, OutputStream out) {
        String path = grids.pathOf(nodeId);
        audit.record("EXPORT", "grid", String.valueOf(nodeId), path, "subtree as " + format);
        SqlPredicate subtree = PathRange.under(path).sql("n.path");
        try (TableWriter writer = TableWriter.open(format, out, "grids",
                List.of("code", "name", "type", "parentCode", "partyOrganisation"))) {
            cursor().query(SELECT.formatted(subtree.sql()), rs -> {
                writer.row(rs.getString("code"), rs.getString("name"), rs.getString("type"),
                        rs.getString("parent_code"), String.valueOf(rs.getBoolean("party_organisation")));
            }, subtree.array());
        }
    }

    /** The import template: Chinese headings and sample rows (district to micro grid) that import as they are. */
    public void writeTemplate(TableFormat format, OutputStream out) {
        try (TableWriter writer = TableWriter.open(format, out, "网格", TEMPLATE_HEADINGS)) {
            TEMPLATE_ROWS.forEach(writer::row);
        }
    }

    /** The template's headings (any of docs/API.md's headings, English keys too, are read). */
    public static final List<String> TEMPLATE_HEADINGS = List.of("代码", "名称", "类型", "上级代码", "党组织", "边界");

    /** The template's sample: 武侯区 › 簇桥街道 › 锦城社区 › 第2网格 › 第4微网格, the code rule's example. */
    public static final List<List<String>> TEMPLATE_ROWS = List.of(
            List.of("510107", "武侯区", "区县", "", "是", ""),
            List.of("510107011", "簇桥街道", "街道", "510107", "是", ""),
            List.of("510107011003", "锦城社区", "社区", "510107011", "是", ""),
            List.of("510107011003G02", "锦城社区第2网格", "一般网格", "510107011003", "否", ""),
            List.of("510107011003G02M04", "锦城社区第2网格第4微网格", "微网格", "510107011003G02", "否", ""));

    private JdbcTemplate cursor() {
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(1000); // inside a transaction PgJDBC then streams with a cursor
        return cursor;
    }
}
