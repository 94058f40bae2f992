package org.gridgov.grid.internal.imports;

import java.util.List;

import org.gridgov.shared.job.JobTable;

/** Grid imports as jobs of the platform's job queue: the table {@code grid_import_job}, the file in {@code content}. */
public final class GridImportJobs {

    public static final JobTable TABLE = new JobTable("Grid import", "grid_import_job", "READING", "content",
            List.of());

    private GridImportJobs() {
    }
}
