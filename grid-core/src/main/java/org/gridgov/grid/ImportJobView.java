package org.gridgov.grid;

import java.time.Instant;
import java.util.List;

/**
 * A grid import job and its progress. {@code done}/{@code total} count features in the current {@code phase}
 * (READING, VALIDATING, WRITING). A job with any error writes nothing and ends FAILED with the report in
 * {@code errors} (the first 1,000; {@code errorCount} counts all).
 */
public record ImportJobView(long id, String format, String fileName, String status, String phase, int total,
        int done, int createdCount, int updatedCount, int unchangedCount, int errorCount, List<ImportError> errors,
        String failure, String submittedBy, Instant submittedAt, Instant startedAt, Instant finishedAt) {
}
