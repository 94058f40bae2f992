package org.gridgov.grid;

import java.time.Instant;
import java.util.List;

/**
 * A bulk staff import job. All or nothing: a file with any error writes nothing and ends FAILED with a report per row
 * ({@code errors}, {@link ImportError#row()} as Excel numbers it; {@code nodeCode} the row's grid code). An
 * assignment already recorded exactly so (grid, person, role, first day) counts as unchanged.
 */
public record StaffImportJobView(long id, String format, String fileName, String status, String phase, int total,
        int done, int createdCount, int unchangedCount, int errorCount, List<ImportError> errors, String failure,
        String submittedBy, Instant submittedAt, Instant startedAt, Instant finishedAt) {
}
