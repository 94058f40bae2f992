package org.gridgov.resident.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import javax.sql.DataSource;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableRow;
import org.gridgov.shared.table.TextCharsets;
import org.springframework.stereotype.Component;

/**
 * READING, the first phase of a resident import: rows stream from the file ({@link TableReader}, CSV in UTF-8 or
 * GB18030, detected or named, or .xlsx), each is checked and encrypted ({@link ImportRowChecks}), and every row — a
 * bad one with only its valid parts — goes in batches through one COPY into {@code resident_import_row}
 * ({@link StagingCopy}), so the set-based checks that follow see the whole file in the same pass; memory stays
 * bounded whatever the file's size.
 */
@Component
class StagingReader {

    /** Rows per COPY batch, and between two progress reports. */
    static final int BATCH = 5000;

    /** Columns whose .xlsx number cells are dates. */
    private static final Set<String> DATE_COLUMNS = Set.of("birthDate", "movedIn");

    /** Where the reader is: lines read, bytes of the file read. */
    @FunctionalInterface
    interface Progress {
        void at(int line, long bytesRead);
    }

    private final DataSource dataSource;
    private final ImportRowChecks rows;

    StagingReader(DataSource dataSource, ImportRowChecks rows) {
        this.dataSource = dataSource;
        this.rows = rows;
    }

    /**
     * Reads the file, checks each row and streams it into the staging table; returns the number of data rows read.
     * Errors carry the row number Excel shows (header = row 1).
     */
    int read(ImportJob job, String format, String charsetName, Path file, Progress progress) {
        if (!Files.exists(file)) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.file-missing",
                    "The uploaded file is no longer there (was the import directory shared between nodes?)");
        }
        TableFormat tableFormat = TableFormat.valueOf(format);
        try {
            Charset charset = tableFormat == TableFormat.CSV ? charset(charsetName, file) : null;
            try (TableReader reader = TableReader.open(tableFormat, Files.newInputStream(file), charset,
                    "resident.import")) {
                return read(job, reader, progress);
            }
        }
        catch (IOException ex) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.unreadable",
                    "The file cannot be read: " + ex.getMessage());
        }
    }

    /** The charset the submitter named, or the one detected in the file (a second pass over it, never in memory). */
    private static Charset charset(String named, Path file) throws IOException {
        Charset charset = TextCharsets.named(named, "resident.import.charset");
        if (charset != null) {
            return charset;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return TextCharsets.detect(in);
        }
    }

    private int read(ImportJob job, TableReader reader, Progress progress) {
        TableRow header = reader.next();
        if (header == null) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.empty", "The file is empty");
        }
        String[] headings = header.cells().toArray(String[]::new);
        Map<String, Integer> indexes = ImportColumns.indexes(headings);
        List<String> missing = ImportColumns.REQUIRED.stream().filter(k -> indexes.get(k) < 0).toList();
        if (!missing.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.header",
                    "The header lacks the columns " + missing + " (see the template)"
                            + (header.undecodableColumn() >= 0 ? "; its text is not UTF-8 or GB18030" : ""));
        }
        IntPredicate dates = column -> DATE_COLUMNS.stream().anyMatch(key -> indexes.get(key) == column);
        StringBuilder batch = new StringBuilder(1 << 20);
        int batched = 0;
        int rows = 0;
        TableRow row;
        try (StagingCopy staging = new StagingCopy(dataSource)) {
            while ((row = reader.next(dates)) != null) {
                if (row.isBlank()) {
                    continue;
                }
                rows++;
                int bad = row.undecodableColumn();
                if (bad >= 0) {
                    job.error(row.number(), fieldAt(indexes, bad), "resident.import.charset", "Row " + row.number()
                            + ": column " + (bad + 1) + " holds bytes that are not text in the file's character set "
                            + "(UTF-8 or GB18030/GBK); save the file again as \"CSV UTF-8\" or name its charset");
                }
                else {
                    // staged whatever its own checks said: bad rows carry their valid parts to the set-based checks
                    rows(job, row, indexes, batch);
                    batched++;
                }
                if (batched >= BATCH) {
                    staging.send(batch);
                    batched = 0;
                }
                if (rows % BATCH == 0) {
                    progress.at(rows, reader.bytesRead());
                }
            }
            staging.send(batch);
            staging.end();
        }
        return rows;
    }

    private boolean rows(ImportJob job, TableRow row, Map<String, Integer> indexes, StringBuilder batch) {
        return this.rows.check(job, row.number(), row.cells().toArray(String[]::new), indexes, batch);
    }

    private static String fieldAt(Map<String, Integer> indexes, int column) {
        return indexes.entrySet().stream().filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst()
            .orElse("file");
    }
}
