package org.gridgov.resident.internal;

import java.util.List;

import org.gridgov.shared.job.JobTable;

/**
 * Resident imports as jobs of the platform's job queue: the table {@code resident_import_job}; the file waits on
 * disk at {@code file_path}; {@code bytes_read} is the reader's progress before the number of rows is known.
 */
public final class ResidentImportJobs {

    public static final JobTable TABLE = new JobTable("Resident import", "resident_import_job", "READING",
            "file_path", List.of("bytes_read"));

    private ResidentImportJobs() {
    }
}
