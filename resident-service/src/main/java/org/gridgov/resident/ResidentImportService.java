package org.gridgov.resident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.resident.internal.ImportColumns;
import org.gridgov.resident.internal.ResidentImportJobs;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueues;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableWriter;
import org.gridgov.shared.table.TextCharsets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Imports of compounds, buildings, dwellings and residents from the community's spreadsheet (CSV or .xlsx, in the
 * documented template), as background jobs: the upload is streamed to the import directory, a job row queues it,
 * {@code ResidentImportRunner} runs it. All or nothing: a file with any error writes nothing.
 */
@Service
public class ResidentImportService {

    private static final TypeReference<List<ImportRowError>> ERRORS = new TypeReference<>() {
    };

    private final JobQueue jobs;
    private final JsonMapper json;
    private final DataScopeProvider scopes;
    private final ResidentProperties properties;
    private final JdbcTemplate jdbc;

    ResidentImportService(JobQueues queues, JsonMapper json, DataScopeProvider scopes, ResidentProperties properties,
            JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.jobs = queues.queue(ResidentImportJobs.TABLE);
        this.json = json;
        this.scopes = scopes;
        this.properties = properties;
    }

    /**
     * Queues an import of {@code content} ({@code size} bytes as the client declared them).
     *
     * @throws DomainException 413 over {@code gridgov.residents.max-import-size}; 415 for anything but .csv and
     *         .xlsx; 400 for an empty file or an .xlsx that is not a workbook
     */
    public ResidentImportJobView submit(String fileName, long size, InputStream content, String submittedBy) {
        return submit(fileName, null, size, content, submittedBy);
    }

    /**
     * Queues an import; {@code charset} names the CSV's character set (UTF-8, GBK/GB18030), null to detect it (a UTF-8
     * BOM, else valid UTF-8, else GB18030).
     */
    public ResidentImportJobView submit(String fileName, String charset, long size, InputStream content,
            String submittedBy) {
        String format = format(fileName);
        java.nio.charset.Charset named = TextCharsets.named(charset, "resident.import.charset");
        long max = properties.maxImportSize().toBytes();
        if (size > max) {
            throw new DomainException(DomainException.Kind.TOO_LARGE, "resident.import.too-large",
                    "The file has " + size + " bytes; the limit is " + max + " (gridgov.residents.max-import-size)");
        }
        DataScope scope = scopes.current();
        if (scope.kind() == DataScope.Kind.NONE) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "resident.scope.forbidden",
                    "Your account has no part of the grid tree to import into");
        }
        Path file = store(content, max);
        try {
            long stored = Files.size(file);
            if (stored == 0) {
                throw DomainException.invalidField("resident.import.empty", "file", "The file is empty");
            }
            if (format.equals("XLSX")) {
                byte[] head;
                try (InputStream in = Files.newInputStream(file)) {
                    head = in.readNBytes(8);
                }
                if (!TableReader.isWorkbook(head)) {
                    throw DomainException.invalidField("resident.import.malformed-xlsx", "file",
                            "The file is not an .xlsx workbook" + (TableReader.isOldXls(head)
                                    ? " (an old .xls: save it as .xlsx or CSV)" : ""));
                }
            }
            long id = jobs.submit(JobColumns.of("format", format).set("file_name", fileName)
                .set("charset", named == null ? null : named.name())
                .set("file_path", file.toAbsolutePath().toString()).set("file_size", stored), submittedBy, scope);
            return get(id);
        }
        catch (IOException | RuntimeException ex) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException ignored) {
                // best effort
            }
            if (ex instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(ex);
        }
    }

    private Path store(InputStream content, long max) {
        try {
            Path directory = Path.of(properties.importDirectory());
            Files.createDirectories(directory);
            Path file = directory.resolve("resident-import-" + UUID.randomUUID() + ".upload");
            try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > max) {
                        out.close();
                        Files.deleteIfExists(file);
                        throw new DomainException(DomainException.Kind.TOO_LARGE, "resident.import.too-large",
                                "The file exceeds the limit of " + max + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not store the upload: " + ex.getMessage(), ex);
        }
    }

    private static String format(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "CSV";
        }
        if (name.endsWith(".xlsx")) {
            return "XLSX";
        }
        throw new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "resident.import.format",
                "Upload a .csv or .xlsx file in the resident template");
    }

    public ResidentImportJobView get(long id) {
        return jobs.find(id, scopes.current(), COLUMNS, this::view)
            .orElseThrow(() -> DomainException.notFound("resident.import.not-found", "No import job " + id));
    }

    /** Newest first, those run in the caller's part of the tree (city-wide jobs: city-wide callers only). */
    public PageResult<ResidentImportJobView> list(int page, int size) {
        return jobs.page(scopes.current(), COLUMNS, this::view, page, size);
    }

    /** The error report of a job as CSV (line, field, code, message), values neutralised against formulas. */
    public void writeErrors(long id, OutputStream out) {
        ResidentImportJobView job = get(id);
        try (TableWriter writer = TableWriter.open(TableFormat.CSV, out, "errors",
                List.of("line", "field", "code", "message"))) {
            for (ImportRowError error : job.errors()) {
                writer.row(String.valueOf(error.line()), error.field(), error.code(), error.message());
            }
        }
    }

    /** The example row's resident: an ID number with a valid GB 11643 check digit, born on the date it carries. */
    public static final String EXAMPLE_ID_NUMBER = IdNumbers.of("510104", java.time.LocalDate.of(1950, 3, 4), 123);

    /** Where the example row's dwelling lies when the caller's scope has no micro grid (the demo data's first). */
    static final String EXAMPLE_GRID_CODE = "510116001003G01M01";

    /**
     * The template: the header (English keys; {@code chinese} for the Chinese headings) and one example row that
     * imports as it is for the one who downloaded it — its dwelling lies in the first micro grid of their scope, its ID
     * number is valid.
     */
    public void writeTemplate(String format, boolean chinese, OutputStream out) {
        List<String> header = chinese ? List.copyOf(ImportColumns.COLUMNS.values())
                : List.copyOf(ImportColumns.COLUMNS.keySet());
        try (TableWriter writer = TableWriter.open(TableFormat.of(format, "resident.template.format"), out,
                "residents", header)) {
            writer.row(templateExample(exampleGridCode()));
        }
    }

    /** The template's example row, its dwelling in the micro grid with this code. */
    public static List<String> templateExample(String microGridCode) {
        return List.of("JJY01", "锦江苑", "1", "1栋", "1", "101", microGridCode, "张三", "男", "1950-03-04",
                "RESIDENT_ID", EXAMPLE_ID_NUMBER, "13812345678", "汉族", "户籍", "户主", "2010-05-01", "否", "是",
                "ELDERLY_ALONE;LOW_INCOME", "黄", "独居，行动不便");
    }

    private String exampleGridCode() {
        SqlPredicate visible = scopes.current().sql("path");
        return jdbc.query("select code from grid_node where type = 'MICRO_GRID' and status = 'ACTIVE' and "
                + visible.sql() + " order by path limit 1", (rs, i) -> rs.getString(1), visible.array())
            .stream().findFirst().orElse(EXAMPLE_GRID_CODE);
    }

    private static final String COLUMNS = """
            id, format, file_name, file_size, status, phase, bytes_read, done, compounds_created, buildings_created,
            dwellings_created, residents_created, error_count, errors::text as errors, failure, submitted_by,
            submitted_at, started_at, finished_at""";

    private ResidentImportJobView view(ResultSet rs, int row) throws SQLException {
        String errors = rs.getString("errors");
        String status = rs.getString("status");
        String phase = rs.getString("phase");
        long size = rs.getLong("file_size");
        int percent = switch (status) {
            case "SUCCEEDED" -> 100;
            case "QUEUED" -> 0;
            default -> phase == null || phase.equals("READING")
                    ? (int) Math.min(90, size == 0 ? 0 : rs.getLong("bytes_read") * 90 / size)
                    : phase.equals("CHECKING") ? 92 : 96;
        };
        return new ResidentImportJobView(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"), size,
                status, phase, percent, rs.getInt("done"), rs.getInt("compounds_created"),
                rs.getInt("buildings_created"), rs.getInt("dwellings_created"), rs.getInt("residents_created"),
                rs.getInt("error_count"), errors == null ? List.of() : json.readValue(errors, ERRORS),
                rs.getString("failure"), rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
