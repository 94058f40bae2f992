package org.gridgov.grid.internal.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.GridType;
import org.gridgov.grid.ImportError;
import org.gridgov.grid.StaffRole;
import org.gridgov.grid.internal.GridFiguresRollup;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.job.JobColumns;
import org.gridgov.shared.job.JobQueue;
import org.gridgov.shared.job.JobQueue.ClaimedJob;
import org.gridgov.shared.job.JobQueues;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableReader;
import org.gridgov.shared.table.TableRow;
import org.gridgov.shared.table.TextCharsets;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs queued bulk staff imports, jobs of the platform's {@link JobQueue}: READING (rows from the CSV/.xlsx, each
 * checked on its own and against the grid it names), VALIDATING (primary workers: one per grid at a time, in the
 * file and against the platform), then — only without a single error — WRITING all assignments in one transaction.
 */
@Component
public class StaffImportRunner {

    private static final Logger log = LoggerFactory.getLogger(StaffImportRunner.class);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9-]{5,20}");
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final JobQueue jobs;
    private final TransactionTemplate writeTransaction;
    private final GridFiguresRollup figures;
    private final Clock clock;

    StaffImportRunner(JdbcTemplate jdbc, JobQueues queues, PlatformTransactionManager transactions,
            GridFiguresRollup figures, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.jobs = queues.queue(StaffImportJobs.TABLE);
        this.writeTransaction = new TransactionTemplate(transactions);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${gridgov.grid.import-poll-interval:PT1S}", initialDelayString = "PT3S")
    void poll() {
        jobs.drain(this::run);
    }

    /** Claims and runs one job; false when none is waiting. */
    public boolean runNext() {
        return jobs.runNext(this::run);
    }

    /** One checked row: the assignment it asks for. */
    private record Assignment(int index, int row, long nodeId, String gridCode, String name, StaffRole role,
            String phone, boolean primary, LocalDate from, LocalDate to) {

        boolean overlaps(LocalDate otherFrom, LocalDate otherTo) {
            return (to == null || otherFrom == null || !otherFrom.isAfter(to))
                    && (otherTo == null || !otherTo.isBefore(from));
        }
    }

    private record Grid(long id, String type, String status, String path) {
    }

    private void run(ClaimedJob claimed) {
        long jobId = claimed.id();
        try {
            Map<String, Object> job = jdbc.queryForMap(
                    "select format, charset, content from grid_staff_import_job where id = ?", jobId);
            byte[] content = (byte[]) job.get("content");
            TableFormat format = TableFormat.valueOf((String) job.get("format"));
            String charsetName = (String) job.get("charset");
            Charset charset = format != TableFormat.CSV ? null
                    : charsetName != null ? Charset.forName(charsetName) : TextCharsets.detect(content);
            List<ImportError> errors = new ArrayList<>();
            List<Assignment> rows = read(format, content, charset, claimed.scope(), errors);
            jobs.progress(jobId, "VALIDATING", 0, rows.size());
            List<Assignment> fresh = rows.isEmpty() ? rows : withoutRecorded(rows);
            checkPrimaries(fresh, errors);
            if (rows.isEmpty() && errors.isEmpty()) {
                errors.add(new ImportError(0, "", "file", "grid.staff-import.empty", "The file has a header but no rows"));
            }
            if (!errors.isEmpty()) {
                errors.sort(java.util.Comparator.comparingInt(ImportError::feature));
                jobs.fail(jobId, errors, null);
                return;
            }
            jobs.progress(jobId, "WRITING", 0, rows.size());
            writeTransaction.executeWithoutResult(status -> write(fresh));
            jobs.succeed(jobId, JobColumns.none().setSql("done", "total").set("created_count", fresh.size()));
            log.info("Staff import {} done: {} assignments created, {} already recorded", jobId, fresh.size(),
                    rows.size() - fresh.size());
        }
        catch (DomainException ex) {
            jobs.fail(jobId, List.of(new ImportError(0, null, "file", ex.code(), ex.getMessage())), null);
        }
        catch (DataIntegrityViolationException ex) {
            jobs.fail(jobId, List.of(new ImportError(0, null, "file", "grid.staff-import.conflict",
                    "Another change gave one of these grids a primary worker meanwhile; nothing was written — import "
                            + "the file again")), null);
        }
        catch (RuntimeException | IOException ex) {
            log.error("Staff import {} failed unexpectedly", jobId, ex);
            jobs.fail(jobId, List.of(), "Unexpected failure: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    private List<Assignment> read(TableFormat format, byte[] content, Charset charset, DataScope scope,
            List<ImportError> errors) throws IOException {
        List<Assignment> rows = new ArrayList<>();
        Map<String, Optional<Grid>> grids = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        try (TableReader reader = TableReader.open(format, new ByteArrayInputStream(content), charset,
                "grid.staff-import")) {
            TableRow header = reader.next();
            if (header == null) {
                throw DomainException.invalidField("grid.staff-import.empty", "file", "The file is empty");
            }
            Map<String, Integer> columns = StaffColumns.indexes(header.cells());
            List<String> missing = StaffColumns.REQUIRED.stream().filter(k -> columns.get(k) < 0).toList();
            if (!missing.isEmpty()) {
                throw DomainException.invalidField("grid.staff-import.header", "file", "The header lacks the columns "
                        + missing + " (姓名, 角色, 网格编码; see the template)");
            }
            int fromColumn = columns.get("fromDate");
            int toColumn = columns.get("toDate");
            TableRow row;
            int index = 0;
            while ((row = reader.next(c -> c == fromColumn || c == toColumn)) != null) {
                if (row.isBlank()) {
                    continue;
                }
                index++;
                Assignment checked = check(index, row, columns, scope, grids, today, errors);
                if (checked != null) {
                    rows.add(checked);
                }
            }
        }
        return rows;
    }

    private Assignment check(int index, TableRow row, Map<String, Integer> columns, DataScope scope,
            Map<String, Optional<Grid>> grids, LocalDate today, List<ImportError> errors) {
        int before = errors.size();
        String gridCode = row.value(columns.get("gridCode"));
        int bad = row.undecodableColumn();
        if (bad >= 0) {
            errors.add(error(index, row, gridCode, "file", "grid.staff-import.charset", "Row " + row.number()
                    + ": column " + (bad + 1) + " holds bytes that are not text in the file's character set (UTF-8 "
                    + "or GB18030/GBK); save it again as \"CSV UTF-8\" or name its charset"));
            return null;
        }
        String name = row.value(columns.get("name"));
        if (name == null || name.length() > 50) {
            errors.add(error(index, row, gridCode, "name", "grid.staff-import.name", "name (姓名) is missing or "
                    + "longer than 50 characters"));
        }
        String roleText = row.value(columns.get("role"));
        StaffRole role = roleText == null ? null : StaffColumns.role(roleText);
        if (role == null) {
            errors.add(error(index, row, gridCode, "role", "grid.staff-import.role", "role (角色) '" + roleText
                    + "' is not one of 微网格员, 网格员, 专属网格员, 楼栋长, 社区工作者, 街道干部 or " + List.of(StaffRole.values())));
        }
        Grid grid = null;
        if (gridCode == null) {
            errors.add(error(index, row, null, "gridCode", "grid.staff-import.grid", "gridCode (网格编码) is missing"));
        }
        else {
            grid = grids.computeIfAbsent(gridCode, this::grid).filter(g -> scope.covers(g.path())).orElse(null);
            if (grid == null) {
                errors.add(error(index, row, gridCode, "gridCode", "grid.staff-import.grid", "no grid " + gridCode
                        + " in your part of the tree"));
            }
            else if (!"ACTIVE".equals(grid.status())) {
                errors.add(error(index, row, gridCode, "gridCode", "grid.staff-import.grid-retired", "grid "
                        + gridCode + " is retired"));
            }
            else if (role != null && !GridStaffService.rolesFor(GridType.valueOf(grid.type())).contains(role)) {
                errors.add(error(index, row, gridCode, "role", "grid.staff-import.role-not-for-type", role
                        + " does not serve a " + grid.type() + " (allowed: "
                        + GridStaffService.rolesFor(GridType.valueOf(grid.type())) + ")"));
            }
        }
        String phone = row.value(columns.get("phone"));
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(error(index, row, gridCode, "phone", "grid.staff-import.phone", "phone (电话) '" + phone
                    + "': digits, '-' and an optional leading '+', 5 to 20"));
        }
        LocalDate from = date(index, row, columns.get("fromDate"), "fromDate", gridCode, errors);
        LocalDate to = date(index, row, columns.get("toDate"), "toDate", gridCode, errors);
        LocalDate first = from == null ? today : from;
        if (to != null && to.isBefore(first)) {
            errors.add(error(index, row, gridCode, "toDate", "grid.staff-import.period", "toDate (截止日期) " + to
                    + " is before fromDate " + first));
        }
        String primaryText = row.value(columns.get("primaryWorker"));
        Optional<Boolean> primary = primaryText == null ? Optional.of(false) : GridColumns.flag(primaryText);
        if (primary.isEmpty()) {
            errors.add(error(index, row, gridCode, "primaryWorker", "grid.staff-import.flag", "primaryWorker (主责) '"
                    + primaryText + "' must be 是/否 (yes/no)"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Assignment(index, row.number(), grid.id(), gridCode, name, role, phone, primary.get(), first, to);
    }

    private LocalDate date(int index, TableRow row, int column, String field, String gridCode,
            List<ImportError> errors) {
        String text = row.value(column);
        if (text == null) {
            return null;
        }
        LocalDate date = StaffColumns.date(text);
        if (date == null) {
            errors.add(error(index, row, gridCode, field, "grid.staff-import.date", field + " '" + text
                    + "' is not a date (2026-12-01, 2026/12/1 or 2026年12月1日)"));
        }
        return date;
    }

    private Optional<Grid> grid(String code) {
        return jdbc.query("select id, type, status, path from grid_node where code = ?",
                (rs, n) -> new Grid(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), code)
            .stream().findFirst();
    }

    /** Rows already recorded exactly so (grid, person, role, first day) are left out: importing twice adds nothing. */
    private List<Assignment> withoutRecorded(List<Assignment> rows) {
        Set<String> recorded = new HashSet<>();
        Long[] nodeIds = rows.stream().map(Assignment::nodeId).distinct().toArray(Long[]::new);
        jdbc.query("select node_id, person_name, role, assigned_from from grid_staff where node_id = any(?)", rs -> {
            recorded.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getDate(4));
        }, (Object) nodeIds);
        List<Assignment> fresh = new ArrayList<>();
        for (Assignment a : rows) {
            if (recorded.add(a.nodeId() + "|" + a.name() + "|" + a.role() + "|" + Date.valueOf(a.from()))) {
                fresh.add(a);
            }
        }
        return fresh;
    }

    /** One primary worker per grid at a time: against the platform's assignments and the file's earlier rows. */
    private void checkPrimaries(List<Assignment> rows, List<ImportError> errors) {
        List<Assignment> primaries = rows.stream().filter(Assignment::primary).toList();
        if (primaries.isEmpty()) {
            return;
        }
        Map<Long, List<LocalDate[]>> existing = new HashMap<>();
        jdbc.query("""
                select node_id, assigned_from, assigned_to from grid_staff
                 where primary_worker and node_id = any(?)""", rs -> {
            existing.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new LocalDate[] {
                rs.getDate(2).toLocalDate(), rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate() });
        }, (Object) primaries.stream().map(Assignment::nodeId).distinct().toArray(Long[]::new));
        Map<Long, List<Assignment>> inFile = new HashMap<>();
        for (Assignment a : primaries) {
            boolean taken = existing.getOrDefault(a.nodeId(), List.of()).stream()
                .anyMatch(period -> a.overlaps(period[0], period[1]));
            Assignment earlier = inFile.getOrDefault(a.nodeId(), List.of()).stream()
                .filter(other -> a.overlaps(other.from(), other.to())).findFirst().orElse(null);
            if (taken) {
                errors.add(new ImportError(a.index(), a.row(), a.gridCode(), "primaryWorker",
                        "grid.staff-import.primary-taken", "grid " + a.gridCode() + " already has a primary worker "
                                + "in that period; end that assignment first"));
            }
            else if (earlier != null) {
                errors.add(new ImportError(a.index(), a.row(), a.gridCode(), "primaryWorker",
                        "grid.staff-import.primary-taken", "grid " + a.gridCode() + " gets a primary worker in "
                                + "that period on row " + earlier.row() + " already"));
            }
            inFile.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(a);
        }
    }

    private void write(List<Assignment> rows) {
        Timestamp now = Timestamp.from(clock.instant());
        figures.suspendMarks(); // one statement marks the staffed grids below, instead of one mark per row
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> batch = new ArrayList<>();
            for (Assignment a : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                batch.add(new Object[] { a.nodeId(), a.name(), a.role().name(), a.phone(), a.primary(),
                    Date.valueOf(a.from()), a.to() == null ? null : Date.valueOf(a.to()), now });
            }
            jdbc.batchUpdate("""
                    insert into grid_staff (node_id, person_name, role, work_phone, primary_worker, assigned_from,
                                            assigned_to, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", batch);
        }
        figures.markNodes(rows.stream().map(Assignment::nodeId).collect(java.util.stream.Collectors.toSet()));
    }

    private static ImportError error(int index, TableRow row, String gridCode, String field, String code,
            String message) {
        return new ImportError(index, row.number(), gridCode, field, code, message);
    }
}
