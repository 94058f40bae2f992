package org.gridgov.grid;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.internal.imports.StaffImportJobs;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueues;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableWriter;
import org.gridgov.shared.table.TextCharsets;
import org.springframework.stereotype.Service;

/**
 * Bulk staff assignments from a spreadsheet (CSV or .xlsx, Chinese or English headings: 姓名, 角色, 网格编码, 电话,
 * 起始日期, 截止日期, 主责), as background jobs of the platform's job queue: every row is checked (the grid exists,
 * is active and inside the submitter's scope, the role serves its type, one primary worker at a time), then all
 * rows are written in one transaction — or none. The phone is the work phone printed on the grid card.
 */
@Service
public class GridStaffImportService {

    private static final TypeReference<List<ImportError>> ERRORS = new TypeReference<>() {
    };

    private final JobQueue jobs;
    private final JsonMapper json;
    private final DataScopeProvider scopes;

    GridStaffImportService(JobQueues queues, JsonMapper json, DataScopeProvider scopes) {
        this.jobs = queues.queue(StaffImportJobs.TABLE);
        this.json = json;
        this.scopes = scopes;
    }

    /** Queues an import of a .csv or .xlsx file; {@code charset} names a CSV's character set, null to detect it. */
    public StaffImportJobView submit(String fileName, String charset, byte[] content, String submittedBy) {
        TableFormat format = TableFormat.ofFileName(fileName);
        if (format == null) {
            throw new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "grid.staff-import.format",
                    "Upload a .csv or .xlsx file in the staff template");
        }
        java.nio.charset.Charset named = TextCharsets.named(charset, "grid.staff-import.charset");
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("grid.staff-import.empty", "file", "The file is empty");
        }
        if (format == TableFormat.XLSX && !TableReader.isWorkbook(content)) {
            throw DomainException.invalidField("grid.staff-import.malformed-xlsx", "file",
                    "The file is not an .xlsx workbook" + (TableReader.isOldXls(content)
                            ? " (an old .xls: save it as .xlsx or CSV)" : ""));
        }
        DataScope scope = scopes.current();
        if (scope.kind() == DataScope.Kind.NONE) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "grid.scope.forbidden",
                    "Your account has no part of the grid tree to import into");
        }
        long id = jobs.submit(JobColumns.of("format", format.name()).set("charset", named == null ? null : named.name())
            .set("file_name", fileName).set("content", content), submittedBy, scope);
        return get(id);
    }

    public StaffImportJobView get(long id) {
        return jobs.find(id, scopes.current(), COLUMNS, this::view)
            .orElseThrow(() -> DomainException.notFound("grid.staff-import.not-found", "No staff import job " + id));
    }

    /** Newest first, those run in the caller's part of the tree. */
    public PageResult<StaffImportJobView> list(int page, int size) {
        return jobs.page(scopes.current(), COLUMNS, this::view, page, size);
    }

    /** The template: Chinese headings and a sample row for the grid template's micro grid. */
    public void writeTemplate(TableFormat format, OutputStream out) {
        try (TableWriter writer = TableWriter.open(format, out, "网格人员", TEMPLATE_HEADINGS)) {
            writer.row(TEMPLATE_ROW);
        }
    }

    /** The template's headings; docs/API.md lists every heading read. */
    public static final List<String> TEMPLATE_HEADINGS = List.of("姓名", "角色", "网格编码", "电话", "起始日期", "截止日期",
            "主责");

    /** The template's sample: the micro-grid worker of the grid template's micro grid. */
    public static final List<String> TEMPLATE_ROW = List.of("王建国", "微网格员", "510107011003G02M04", "13981002000",
            "2026-12-01", "", "是");

    private static final String COLUMNS = """
            id, format, file_name, status, phase, total, done, created_count, error_count, errors::text as errors,
            failure, submitted_by, submitted_at, started_at, finished_at""";

    private StaffImportJobView view(ResultSet rs, int row) throws SQLException {
        String errors = rs.getString("errors");
        int total = rs.getInt("total");
        int created = rs.getInt("created_count");
        String status = rs.getString("status");
        return new StaffImportJobView(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"), status,
                rs.getString("phase"), total, rs.getInt("done"), created,
                "SUCCEEDED".equals(status) ? total - created : 0, rs.getInt("error_count"),
                errors == null ? List.of() : json.readValue(errors, ERRORS), rs.getString("failure"),
                rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
