package org.gridgov.resident;

import java.time.Instant;
import java.util.List;

/**
 * A resident import and its progress: {@code percent} follows the reader through the file (READING), then the
 * set-based checks (CHECKING) and the one writing transaction (WRITING). A job with any error writes nothing and
 * ends FAILED with the first 1,000 problems in {@code errors} ({@code errorCount} counts all; the full report is
 * downloadable as CSV).
 */
public record ResidentImportJobView(long id, String format, String fileName, long fileSize, String status,
        String phase, int percent, int rowsRead, int compoundsCreated, int buildingsCreated, int dwellingsCreated,
        int residentsCreated, int errorCount, List<ImportRowError> errors, String failure, String submittedBy,
        Instant submittedAt, Instant startedAt, Instant finishedAt) {
}
