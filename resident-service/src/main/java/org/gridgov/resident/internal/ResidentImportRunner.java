package org.gridgov.resident.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.resident.ImportRowError;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueue.ClaimedJob;
import org.gridgov.shared.job.JobQueues;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Runs queued resident imports, jobs of the platform's {@link JobQueue}: claimed by exactly one node, progress and
 * a heartbeat in their own short transactions, a RUNNING job without a heartbeat for
 * {@value JobQueue#STALE_MINUTES} minutes claimed again (its staging rows are dropped first; nothing was written).
 * <ol>
 * <li>READING ({@link StagingReader}): rows stream from the file; each is checked (identity, dates, the micro grid and
 * the submitter's scope, tags, care level) and rows are encrypted and sent in batches through one COPY into
 * {@code resident_import_row} — memory stays bounded whatever the file's size; a bad row is staged with only its
 * valid parts.</li>
 * <li>CHECKING ({@link ImportChecks}): set-based checks over the staging rows: the same ID number twice in the file,
 * people already recorded, a dwelling put in two grids, a compound in two communities — also when rows failed
 * READING's checks (they are staged with their valid parts), so one upload reports every problem.</li>
 * <li>WRITING ({@link ImportWrites}), only without a single error: one transaction of {@code insert … select} for
 * compounds, buildings, dwellings, residents, residences and tags.</li>
 * </ol>
 */
@Component
public class ResidentImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ResidentImportRunner.class);

    private final JdbcTemplate jdbc;
    private final JobQueue jobs;
    private final StagingReader reader;
    private final ImportChecks checks;
    private final ImportWrites writes;
    private final TransactionTemplate writeTransaction;
    private final TransactionTemplate checkTransaction;
    private final DataSize workMem;
    private final Clock clock;

    ResidentImportRunner(JdbcTemplate jdbc, JobQueues queues, StagingReader reader, ImportChecks checks,
            ImportWrites writes, PlatformTransactionManager transactions, Optional<Clock> clock,
            ResidentProperties properties) {
        this.jdbc = jdbc;
        this.jobs = queues.queue(ResidentImportJobs.TABLE);
        this.reader = reader;
        this.checks = checks;
        this.writes = writes;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.checkTransaction = new TransactionTemplate(transactions);
        this.checkTransaction.setReadOnly(true);
        this.workMem = properties.importWorkMem();
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${gridgov.residents.import-poll-interval:PT1S}", initialDelayString = "PT3S")
    void poll() {
        jobs.drain(this::run);
    }

    /** Claims and runs one job; false when none is waiting. */
    public boolean runNext() {
        return jobs.runNext(this::run);
    }

    private void run(ClaimedJob claimed) {
        long jobId = claimed.id();
        Path file = null;
        try {
            Map<String, Object> row = jdbc.queryForMap(
                    "select format, charset, file_path, file_size from resident_import_job where id = ?", jobId);
            file = Path.of((String) row.get("file_path"));
            long size = ((Number) row.get("file_size")).longValue();
            jdbc.update("delete from resident_import_row where job_id = ?", jobId);
            ImportJob job = new ImportJob(jobId, claimed.scope(),
                    jdbc.queryForList("select code from resident_tag", String.class),
                    LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))));
            int rows = reader.read(job, (String) row.get("format"), (String) row.get("charset"), file,
                    (line, bytesRead) -> progress(jobId, "READING", line, bytesRead));
            if (job.errorCount == 0 && rows == 0) {
                job.error(0, "file", "resident.import.empty", "The file has a header but no rows");
            }
            if (rows > 0) {
                // also after rows failed their own checks: one upload reports every problem of the file
                progress(jobId, "CHECKING", rows, size);
                // fresh statistics of the staging rows: without them PostgreSQL guesses a few thousand rows and may
                // join a million of them by nested loops (13 minutes instead of 53 s for the residences, measured)
                jdbc.execute("analyze resident_import_row");
                checkTransaction.executeWithoutResult(status -> {
                    useImportWorkMem();
                    checks.check(job);
                });
            }
            if (job.errorCount > 0) {
                job.errors.sort(java.util.Comparator.comparingInt(ImportRowError::line));
                jobs.fail(jobId, job.errors, job.errorCount, null);
                return;
            }
            progress(jobId, "WRITING", rows, size);
            ImportWrites.Created created = writeTransaction.execute(status -> {
                useImportWorkMem();
                return writes.write(jobId);
            });
            jobs.succeed(jobId, JobColumns.of("compounds_created", created.compounds())
                .set("buildings_created", created.buildings()).set("dwellings_created", created.dwellings())
                .set("residents_created", created.residents()));
            log.info("Resident import {} done: {} rows, {} residents created", jobId, rows, created.residents());
        }
        catch (DomainException ex) {
            jobs.fail(jobId, List.of(new ImportRowError(0, "file", ex.code(), ex.getMessage())), 1, null);
        }
        catch (DuplicateKeyException ex) {
            jobs.fail(jobId, List.of(new ImportRowError(0, "file", "resident.import.conflict",
                    "Another change recorded the same people or dwellings meanwhile; nothing was written — "
                            + "import the file again")), 1, null);
        }
        catch (RuntimeException ex) {
            log.error("Resident import {} failed unexpectedly", jobId, ex);
            jobs.fail(jobId, List.of(), 0, "Unexpected failure: " + ex.getClass().getSimpleName() + ": "
                    + ex.getMessage());
        }
        finally {
            jdbc.update("delete from resident_import_row where job_id = ?", jobId);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException ex) {
                    log.warn("Could not delete import file {}: {}", file, ex.getMessage());
                }
            }
        }
    }

    /** Sorts and hashes over all staging rows in memory, for this transaction only. */
    private void useImportWorkMem() {
        jdbc.execute("set local work_mem = '" + Math.max(4096, workMem.toKilobytes()) + "kB'");
    }

    /** Progress while the number of rows is unknown: lines done and bytes of the file read. */
    private void progress(long jobId, String phase, int done, long bytesRead) {
        jobs.progress(jobId, phase, done, JobColumns.of("bytes_read", bytesRead));
    }
}
