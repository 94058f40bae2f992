package org.gridgov.resident.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Component;

/**
 * READING, the first phase of a resident import: rows stream from the file ({@link RowReader}), each is checked and
 * encrypted ({@link ImportRowChecks}), and good rows go in batches through one COPY into {@code resident_import_row}
 * ({@link StagingCopy}) — memory stays bounded whatever the file's size.
 */
@Component
class StagingReader {

    /** Rows per COPY batch, and between two progress reports. */
    static final int BATCH = 5000;

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
     * Reads the file, checks each row and streams the good ones into the staging table; returns the number of lines
     * read. The COPY is kept only when no row failed.
     */
    int read(ImportJob job, String format, Path file, Progress progress) {
        if (!Files.exists(file)) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.file-missing",
                    "The uploaded file is no longer there (was the import directory shared between nodes?)");
        }
        try (RowReader reader = RowReader.open(format, file)) {
            String[] header = reader.next(null);
            if (header == null) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.empty", "The file is empty");
            }
            Map<String, Integer> indexes = ImportColumns.indexes(header);
            List<String> missing = ImportColumns.REQUIRED.stream().filter(k -> indexes.get(k) < 0).toList();
            if (!missing.isEmpty()) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.header",
                        "The header lacks the columns " + missing + " (see the template)");
            }
            StringBuilder batch = new StringBuilder(1 << 20);
            int batched = 0;
            int line = 0;
            String[] cells;
            try (StagingCopy staging = new StagingCopy(dataSource)) {
                while ((cells = reader.next(indexes)) != null) {
                    line++;
                    if (isBlank(cells)) {
                        continue;
                    }
                    if (rows.check(job, line, cells, indexes, batch)) {
                        batched++;
                    }
                    if (batched >= BATCH) {
                        staging.send(batch, job.errorCount == 0);
                        batched = 0;
                    }
                    if (line % BATCH == 0) {
                        progress.at(line, reader.bytesRead());
                    }
                }
                if (job.errorCount == 0) {
                    staging.send(batch, true);
                    staging.end();
                }
            }
            return line;
        }
        catch (IOException ex) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.unreadable",
                    "The file cannot be read: " + ex.getMessage());
        }
    }

    private static boolean isBlank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
