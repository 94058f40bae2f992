package org.gridgov.grid;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.internal.imports.GridImportJobs;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueues;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TextCharsets;
import org.springframework.stereotype.Service;

/**
 * Imports of a whole hierarchy: GeoJSON FeatureCollection (properties {@code code, name, type, parentCode}), or a
 * CSV (UTF-8 or GB18030) / .xlsx table with English or Chinese headings (docs/API.md "Import files"). Upsert by code, all or nothing, as a background job with progress (see
 * {@code ImportJobRunner}).
 */
@Service
public class GridImportService {

    private static final TypeReference<List<ImportError>> ERRORS = new TypeReference<>() {
    };

    private final JobQueue jobs;
    private final JsonMapper json;
    private final DataScopeProvider scopes;

    GridImportService(JobQueues queues, JsonMapper json, DataScopeProvider scopes) {
        this.jobs = queues.queue(GridImportJobs.TABLE);
        this.json = json;
        this.scopes = scopes;
    }

    /** Queues an import; {@code format} is GEOJSON, CSV or XLSX, or null to take it from the file name. */
    public ImportJobView submit(String format, String fileName, byte[] content, String submittedBy) {
        return submit(format, null, fileName, content, submittedBy);
    }

    /**
     * Queues an import; {@code charset} names a CSV's character set (UTF-8, or GBK/GB18030 as Excel saves "CSV" on
     * Chinese Windows), null to detect it.
     */
    public ImportJobView submit(String format, String charset, String fileName, byte[] content, String submittedBy) {
        String resolved = format(format, fileName);
        java.nio.charset.Charset named = TextCharsets.named(charset, "grid.import.charset");
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("grid.import.empty", "file", "The file is empty");
        }
        if (resolved.equals("XLSX") && !TableReader.isWorkbook(content)) {
            throw DomainException.invalidField("grid.import.malformed-xlsx", "file", "The file is not an .xlsx workbook"
                    + (TableReader.isOldXls(content) ? " (an old .xls: save it as .xlsx or CSV)" : ""));
        }
        DataScope scope = scopes.current();
        if (scope.kind() == DataScope.Kind.NONE) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "grid.scope.forbidden",
                    "Your account has no part of the grid tree to import into");
        }
        long id = jobs.submit(JobColumns.of("format", resolved).set("charset", named == null ? null : named.name())
            .set("file_name", fileName).set("content", content),
                submittedBy, scope);
        return get(id);
    }

    public ImportJobView get(long id) {
        return jobs.find(id, scopes.current(), COLUMNS, this::view)
            .orElseThrow(() -> DomainException.notFound("grid.import.not-found", "No import job " + id));
    }

    /** Newest first; a job is visible to those whose scope covers the scope it ran in (city-wide: city-wide only). */
    public PageResult<ImportJobView> list(int page, int size) {
        return jobs.page(scopes.current(), COLUMNS, this::view, page, size);
    }

    private static final String COLUMNS = """
            id, format, file_name, status, phase, total, done, created_count, updated_count, unchanged_count,
            error_count, errors::text as errors, failure, submitted_by, submitted_at, started_at, finished_at""";

    private ImportJobView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String errors = rs.getString("errors");
        return new ImportJobView(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"),
                rs.getString("status"), rs.getString("phase"), rs.getInt("total"), rs.getInt("done"),
                rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("unchanged_count"),
                rs.getInt("error_count"), errors == null ? List.of() : json.readValue(errors, ERRORS),
                rs.getString("failure"), rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String format(String format, String fileName) {
        if (format != null && !format.isBlank()) {
            String upper = format.trim().toUpperCase(Locale.ROOT);
            if (!upper.equals("GEOJSON") && !upper.equals("CSV") && !upper.equals("XLSX")) {
                throw DomainException.invalidField("grid.import.format", "format",
                        "format must be GEOJSON, CSV or XLSX");
            }
            return upper;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".geojson") || name.endsWith(".json")) {
            return "GEOJSON";
        }
        if (name.endsWith(".csv")) {
            return "CSV";
        }
        if (name.endsWith(".xlsx")) {
            return "XLSX";
        }
        throw DomainException.invalidField("grid.import.format", "format",
                "Name the format (GEOJSON, CSV or XLSX) or upload a .geojson, .json, .csv or .xlsx file");
    }
}
