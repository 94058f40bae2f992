package org.gridgov.resident.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.resident.ImportRowError;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.scope.DataScope;

/**
 * One resident import while it runs: the scope it runs in, the problems found so far (the first
 * {@value JobQueue#MAX_REPORTED_ERRORS} kept, all counted), and what its rows are checked against.
 */
final class ImportJob {

    final long id;
    final DataScope scope;
    final List<ImportRowError> errors = new ArrayList<>();
    int errorCount;
    /** Micro grids as rows name them, resolved once per code. */
    final Map<String, ImportRowChecks.ResolvedGrid> gridCache = new HashMap<>();
    final Set<String> knownTags;
    final LocalDate today;

    ImportJob(long id, DataScope scope, Collection<String> knownTags, LocalDate today) {
        this.id = id;
        this.scope = scope;
        this.knownTags = new HashSet<>(knownTags);
        this.today = today;
    }

    void error(int line, String field, String code, String message) {
        errorCount++;
        if (errors.size() < JobQueue.MAX_REPORTED_ERRORS) {
            errors.add(new ImportRowError(line, field, code, message));
        }
    }
}
