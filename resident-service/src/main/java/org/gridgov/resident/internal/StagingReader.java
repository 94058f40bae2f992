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
 * encrypted ({@link ImportRowChecks}), and every row — a bad one with only its valid parts — goes in batches through
 * one COPY into {@code resident_import_row} ({@link StagingCopy}); memory stays bounded whatever the file's size.
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
     * Reads the file, checks each row and streams it into the staging table; returns the number of lines read.
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
                    rows.check(job, line, cells, indexes, batch);
                    if (++batched >= BATCH) {
                        staging.send(batch);
                        batched = 0;
                    }
                    if (line % BATCH == 0) {
                        progress.at(line, reader.bytesRead());
                    }
                }
                // bad rows are staged too (with only their valid parts): the set-based checks see the whole file
                staging.send(batch);
                staging.end();
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
