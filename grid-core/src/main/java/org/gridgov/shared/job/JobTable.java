package org.gridgov.shared.job;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table of background jobs that {@link JobQueue} runs. Besides its module's own columns (the format, the file, what
 * the job created…) it has the columns every job table shares: {@code id} (identity), {@code status} (QUEUED,
 * RUNNING, SUCCEEDED, FAILED), {@code phase}, {@code total}, {@code done}, {@code error_count}, {@code errors}
 * (jsonb), {@code failure}, {@code submitted_by}, {@code submitted_at}, {@code started_at}, {@code finished_at},
 * {@code heartbeat_at}, {@code claimed_by}, {@code scope_node_id} and {@code scope_path} (the submitter's data scope,
 * null for the whole tree), and an index on {@code (status, id)}.
 *
 * @param name what the jobs are, for logs ({@code "Grid import"})
 * @param table the table's name
 * @param firstPhase the phase a claimed job starts in
 * @param payloadColumn the column holding the job's input (the file, or where it lies), cleared when the job ends
 * @param resetOnClaim module columns of progress set to 0 when a job is claimed (again)
 */
public record JobTable(String name, String table, String firstPhase, String payloadColumn, List<String> resetOnClaim) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    public JobTable {
        resetOnClaim = List.copyOf(resetOnClaim);
        requireIdentifier(table);
        requireIdentifier(payloadColumn);
        resetOnClaim.forEach(JobTable::requireIdentifier);
    }

    /** Table and column names go into SQL as they are: only plain lower-case identifiers are accepted. */
    static String requireIdentifier(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }
}
