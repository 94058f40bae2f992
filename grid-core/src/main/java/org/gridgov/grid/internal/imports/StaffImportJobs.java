package org.gridgov.grid.internal.imports;

import java.util.List;

import org.gridgov.shared.job.JobTable;

/** Bulk staff imports as jobs of the platform's job queue: the table {@code grid_staff_import_job}, the file in {@code content}. */
public final class StaffImportJobs {

    public static final JobTable TABLE = new JobTable("Staff import", "grid_staff_import_job", "READING", "content",
            List.of());

    private StaffImportJobs() {
    }
}
