package org.gridgov.resident.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.resident.ImportRowError;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.scope.DataScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Runs queued resident imports, following grid core's job pattern: every node polls, a job is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, progress and a heartbeat go in their own short transactions, a RUNNING job without
 * a heartbeat for two minutes is claimed again (its staging rows are dropped first; nothing was written).
 * <ol>
 * <li>READING: rows stream from the file; each is checked (identity, dates, the micro grid and the submitter's scope,
 * tags) and good rows are encrypted and sent in batches through one COPY into {@code resident_import_row} — memory
 * stays bounded whatever the file's size, and the COPY is kept only when no row failed.</li>
 * <li>CHECKING: set-based checks over the staging rows: the same ID number twice in the file, people already
 * recorded, a dwelling put in two grids, a compound in two communities.</li>
 * <li>WRITING, only without a single error: one transaction of {@code insert … select} for compounds, buildings,
 * dwellings, residents, residences and tags.</li>
 * </ol>
 */
@Component
public class ResidentImportRunner {

    static final int STALE_MINUTES = 2;
    static final int BATCH = 5000;
    public static final int MAX_REPORTED_ERRORS = 1000;
    private static final Logger log = LoggerFactory.getLogger(ResidentImportRunner.class);
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("yyyy.M.d"), DateTimeFormatter.ofPattern("yyyy-M-d"));

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PersonalDataCipher cipher;
    private final GridDirectory grids;
    private final TransactionTemplate writeTransaction;
    private final TransactionTemplate checkTransaction;
    private final DataSize workMem;
    private final TransactionTemplate progressTransaction;
    private final JsonMapper json;
    private final Clock clock;
    private final String nodeName;

    ResidentImportRunner(JdbcTemplate jdbc, DataSource dataSource, PersonalDataCipher cipher, GridDirectory grids,
            PlatformTransactionManager transactions, JsonMapper json, Optional<Clock> clock,
            ResidentProperties properties) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.grids = grids;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.checkTransaction = new TransactionTemplate(transactions);
        this.checkTransaction.setReadOnly(true);
        this.workMem = properties.importWorkMem();
        this.progressTransaction = new TransactionTemplate(transactions);
        this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
        this.nodeName = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(fixedDelayString = "${gridgov.residents.import-poll-interval:PT1S}", initialDelayString = "PT3S")
    void poll() {
        try {
            while (runNext()) {
                // keep going while there is work
            }
        }
        catch (RuntimeException ex) {
            log.warn("Resident import poll failed; will retry: {}", ex.getMessage());
        }
    }

    /** Claims and runs one job; false when none is waiting. */
    public boolean runNext() {
        List<Long> claimed = jdbc.queryForList("""
                update resident_import_job set status = 'RUNNING', claimed_by = ?, heartbeat_at = now(),
                       phase = 'READING', done = 0, bytes_read = 0, started_at = coalesce(started_at, now())
                 where id = (select id from resident_import_job
                              where status = 'QUEUED'
                                 or (status = 'RUNNING' and heartbeat_at < now() - make_interval(mins => ?))
                              order by id limit 1 for update skip locked)
                returning id""", Long.class, nodeName, STALE_MINUTES);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get(0));
        return true;
    }

    /** A micro grid as rows name it, resolved once per code. */
    record ResolvedGrid(long id, String path, long communityId, String communityPath, String problem) {
    }

    private final class Job {

        final long id;
        final DataScope scope;
        final List<ImportRowError> errors = new ArrayList<>();
        int errorCount;
        final Map<String, ResolvedGrid> gridCache = new HashMap<>();
        final Set<String> knownTags;
        final LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));

        Job(long id, DataScope scope) {
            this.id = id;
            this.scope = scope;
            this.knownTags = new HashSet<>(jdbc.queryForList("select code from resident_tag", String.class));
        }

        void error(int line, String field, String code, String message) {
            errorCount++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new ImportRowError(line, field, code, message));
            }
        }
    }

    private void run(long jobId) {
        Path file = null;
        try {
            Map<String, Object> row = jdbc.queryForMap(
                    "select format, file_path, file_size, scope_node_id, scope_path from resident_import_job where id = ?",
                    jobId);
            DataScope scope = row.get("scope_path") == null ? DataScope.all()
                    : DataScope.subtree(((Number) row.get("scope_node_id")).longValue(), (String) row.get("scope_path"));
            file = Path.of((String) row.get("file_path"));
            long size = ((Number) row.get("file_size")).longValue();
            jdbc.update("delete from resident_import_row where job_id = ?", jobId);
            Job job = new Job(jobId, scope);
            int rows = read(job, (String) row.get("format"), file, size);
            if (job.errorCount == 0 && rows == 0) {
                job.error(0, "file", "resident.import.empty", "The file has a header but no rows");
            }
            if (job.errorCount == 0) {
                progress(jobId, "CHECKING", rows, size);
                // fresh statistics of the staging rows: without them PostgreSQL guesses a few thousand rows and may
                // join a million of them by nested loops (13 minutes instead of 53 s for the residences, measured)
                jdbc.execute("analyze resident_import_row");
                checkTransaction.executeWithoutResult(status -> {
                    useImportWorkMem();
                    check(job);
                });
            }
            if (job.errorCount > 0) {
                fail(jobId, job.errors, job.errorCount, null);
                return;
            }
            progress(jobId, "WRITING", rows, size);
            int[] counts = writeTransaction.execute(status -> {
                useImportWorkMem();
                return write(jobId);
            });
            jdbc.update("""
                    update resident_import_job set status = 'SUCCEEDED', compounds_created = ?, buildings_created = ?,
                           dwellings_created = ?, residents_created = ?, finished_at = now(), file_path = null
                     where id = ?""", counts[0], counts[1], counts[2], counts[3], jobId);
            log.info("Resident import {} done: {} rows, {} residents created", jobId, rows, counts[3]);
        }
        catch (DomainException ex) {
            fail(jobId, List.of(new ImportRowError(0, "file", ex.code(), ex.getMessage())), 1, null);
        }
        catch (org.springframework.dao.DuplicateKeyException ex) {
            fail(jobId, List.of(new ImportRowError(0, "file", "resident.import.conflict",
                    "Another change recorded the same people or dwellings meanwhile; nothing was written — "
                            + "import the file again")), 1, null);
        }
        catch (RuntimeException ex) {
            log.error("Resident import {} failed unexpectedly", jobId, ex);
            fail(jobId, List.of(), 0, "Unexpected failure: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
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

    // ---------------------------------------------------------------- READING

    private int read(Job job, String format, Path file, long size) {
        if (!Files.exists(file)) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.file-missing",
                    "The uploaded file is no longer there (was the import directory shared between nodes?)");
        }
        try (RowReader reader = RowReader.open(format, file)) {
            String[] header = reader.next(null);
            if (header == null) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.empty", "The file is empty");
            }
            Map<String, Integer> indexes = ImportColumns.indexes(header);
            List<String> missing = ImportColumns.REQUIRED.stream().filter(k -> indexes.get(k) < 0).toList();
            if (!missing.isEmpty()) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.header",
                        "The header lacks the columns " + missing + " (see the template)");
            }
            StringBuilder batch = new StringBuilder(1 << 20);
            int batched = 0;
            int line = 0;
            String[] cells;
            try (StagingCopy staging = new StagingCopy()) {
                while ((cells = reader.next(indexes)) != null) {
                    line++;
                    if (isBlank(cells)) {
                        continue;
                    }
                    if (checkRow(job, line, cells, indexes, batch)) {
                        batched++;
                    }
                    if (batched >= BATCH) {
                        staging.send(batch, job.errorCount == 0);
                        batched = 0;
                    }
                    if (line % BATCH == 0) {
                        progress(job.id, "READING", line, reader.bytesRead());
                    }
                }
                if (job.errorCount == 0) {
                    staging.send(batch, true);
                    staging.end();
                }
            }
            return line;
        }
        catch (IOException ex) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.unreadable",
                    "The file cannot be read: " + ex.getMessage());
        }
    }

    private static boolean isBlank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String cell(String[] cells, Map<String, Integer> indexes, String key) {
        int i = indexes.get(key);
        if (i < 0 || i >= cells.length || cells[i] == null) {
            return null;
        }
        String value = cells[i].strip();
        return value.isEmpty() ? null : value;
    }

    /** Checks one row; appends it to the COPY batch when good. */
    private boolean checkRow(Job job, int line, String[] cells, Map<String, Integer> indexes, StringBuilder batch) {
        int before = job.errorCount;
        String compoundCode = cell(cells, indexes, "compoundCode");
        String compoundName = cell(cells, indexes, "compoundName");
        String buildingCode = cell(cells, indexes, "buildingCode");
        String buildingName = cell(cells, indexes, "buildingName");
        String unit = cell(cells, indexes, "unit");
        String room = cell(cells, indexes, "room");
        String gridCode = cell(cells, indexes, "microGridCode");
        if (compoundCode == null || !compoundCode.matches("[0-9A-Za-z_-]{1,40}")) {
            job.error(line, "compoundCode", "resident.import.compound-code", "compoundCode: 1-40 letters, digits, - or _");
        }
        if (compoundName != null && compoundName.length() > 100) {
            job.error(line, "compoundName", "resident.import.too-long", "compoundName: at most 100 characters");
        }
        if (buildingCode == null || buildingCode.length() > 40) {
            job.error(line, "buildingCode", "resident.import.building-code", "buildingCode is required (≤ 40)");
        }
        if (buildingName != null && buildingName.length() > 100) {
            job.error(line, "buildingName", "resident.import.too-long", "buildingName: at most 100 characters");
        }
        if (unit != null && unit.length() > 20) {
            job.error(line, "unit", "resident.import.too-long", "unit: at most 20 characters");
        }
        if (room == null || room.length() > 20) {
            job.error(line, "room", "resident.import.room", "room is required (≤ 20)");
        }
        ResolvedGrid grid = null;
        if (gridCode == null) {
            job.error(line, "microGridCode", "resident.import.grid-required",
                    "microGridCode is required: every dwelling lies in a micro grid");
        }
        else {
            grid = job.gridCache.computeIfAbsent(gridCode, code -> resolve(code, job.scope));
            if (grid.problem() != null) {
                job.error(line, "microGridCode", "resident.import.grid", grid.problem());
            }
        }
        String name = cell(cells, indexes, "name");
        PersonRules.Person person = null;
        String relation = null;
        LocalDate movedIn = null;
        Boolean party = null;
        Boolean volunteer = null;
        String tags = null;
        if (name != null) {
            LocalDate birth = null;
            String birthText = cell(cells, indexes, "birthDate");
            if (birthText != null) {
                birth = date(birthText);
                if (birth == null) {
                    job.error(line, "birthDate", "resident.import.date", "birthDate '" + birthText
                            + "' is not a date (yyyy-MM-dd)");
                }
            }
            PersonRules.Checked checked = PersonRules.check(name, cell(cells, indexes, "gender"), birth,
                    cell(cells, indexes, "idType"), cell(cells, indexes, "idNumber"), cell(cells, indexes, "phone"),
                    cell(cells, indexes, "ethnicity"), cell(cells, indexes, "populationType"), job.today);
            for (FieldViolation v : checked.violations()) {
                if (!(birthText != null && birth == null && v.field().equals("birthDate"))) {
                    job.error(line, v.field(), v.code(), v.message());
                }
            }
            person = checked.person();
            String r = cell(cells, indexes, "relationToHead");
            if (r != null) {
                relation = relation(r);
                if (relation == null) {
                    job.error(line, "relationToHead", "resident.import.relation", "relationToHead must be one of "
                            + PersonRules.RELATIONS + " or 户主/配偶/子女/父母/租户/其他");
                }
            }
            String movedText = cell(cells, indexes, "movedIn");
            if (movedText != null) {
                movedIn = date(movedText);
                if (movedIn == null || movedIn.isAfter(job.today.plusDays(1))) {
                    job.error(line, "movedIn", "resident.import.date", "movedIn '" + movedText
                            + "' is not a date up to today");
                }
            }
            party = flag(job, line, "partyMember", cell(cells, indexes, "partyMember"));
            volunteer = flag(job, line, "volunteer", cell(cells, indexes, "volunteer"));
            String tagText = cell(cells, indexes, "tags");
            if (tagText != null) {
                List<String> codes = new ArrayList<>();
                for (String t : tagText.split("[;；、,，|]")) {
                    String code = t.strip().toUpperCase(Locale.ROOT);
                    if (code.isEmpty()) {
                        continue;
                    }
                    if (!job.knownTags.contains(code)) {
                        job.error(line, "tags", "resident.import.tag", "Unknown tag " + code);
                    }
                    else if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
                tags = codes.isEmpty() ? null : String.join(";", codes);
            }
        }
        if (job.errorCount > before) {
            return false;
        }
        // tab-separated COPY text format; personal data only encrypted
        Object[] values = { job.id, line, compoundCode, compoundName == null ? compoundCode : compoundName,
                grid.communityId(), grid.communityPath(), buildingCode,
                buildingName == null ? buildingCode + "栋" : buildingName, unit == null ? "" : unit, room, grid.id(),
                grid.path(), person == null ? null : person.name(), person == null ? null : person.gender(),
                person == null ? null : person.birthDate(), person == null ? null : person.idType(),
                person == null ? null : cipher.encrypt(person.idNumber(), "id_number"),
                person == null ? null : cipher.index(person.idNumber(), "id_number"),
                person == null ? null : Masking.idNumber(person.idNumber()),
                person == null ? null : cipher.encrypt(person.phone(), "phone"),
                person == null ? null : cipher.index(person.phone(), "phone"),
                person == null ? null : Masking.phone(person.phone()), person == null ? null : person.ethnicity(),
                person == null ? null : person.populationType(), relation, movedIn, party, volunteer, tags };
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                batch.append('\t');
            }
            appendCopyValue(batch, values[i]);
        }
        batch.append('\n');
        return true;
    }

    static void appendCopyValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        }
        else if (value instanceof byte[] bytes) {
            out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        }
        else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
    }

    /**
     * One COPY into the staging table for the whole file, on a connection of its own: PostgreSQL stores one batch
     * while this thread checks and encrypts the next (two cores instead of one), and a full socket holds the reader
     * back, so memory stays bounded. Until {@link #end()} nothing is stored; closing without it cancels the COPY.
     */
    private final class StagingCopy implements AutoCloseable {

        private final Connection connection;
        private final CopyIn copy;
        private boolean ended;

        StagingCopy() {
            connection = DataSourceUtils.getConnection(dataSource);
            try {
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY resident_import_row (job_id, line, compound_code, compound_name, community_id,
                            community_path, building_code, building_name, unit, room, grid_id, grid_path, name, gender,
                            birth_date, id_type, id_number_enc, id_number_hmac, id_number_masked, phone_enc, phone_hmac,
                            phone_masked, ethnicity, population_type, relation, moved_in, party_member, volunteer, tags)
                        FROM STDIN""");
            }
            catch (SQLException ex) {
                DataSourceUtils.releaseConnection(connection, dataSource);
                throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
            }
        }

        /** Sends the batch's rows when {@code keep} (once a row failed, nothing will be stored: they are dropped). */
        void send(StringBuilder batch, boolean keep) {
            if (keep && !batch.isEmpty()) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                try {
                    copy.writeToCopy(bytes, 0, bytes.length);
                }
                catch (SQLException ex) {
                    throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
                }
            }
            batch.setLength(0);
        }

        void end() {
            try {
                copy.endCopy();
                ended = true;
            }
            catch (SQLException ex) {
                throw new IllegalStateException("COPY into the staging table failed: " + ex.getMessage(), ex);
            }
        }

        @Override
        public void close() {
            try {
                if (!ended && copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            catch (SQLException ex) {
                log.debug("Cancelling the staging COPY failed: {}", ex.getMessage());
            }
            finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    private ResolvedGrid resolve(String code, DataScope scope) {
        Optional<GridNodeRef> grid = grids.byCode(code);
        if (grid.isEmpty()) {
            return new ResolvedGrid(0, null, 0, null, "No active grid " + code);
        }
        if (grid.get().type() != GridType.MICRO_GRID) {
            return new ResolvedGrid(0, null, 0, null, code + " is a " + grid.get().type()
                    + ": a dwelling lies in a MICRO_GRID");
        }
        String path = grids.pathOf(grid.get().id());
        if (!scope.covers(path)) {
            return new ResolvedGrid(0, null, 0, null, "No grid " + code + " in your scope");
        }
        GridNodeRef community = grids.chain(grid.get().id()).stream().filter(n -> n.type() == GridType.COMMUNITY)
            .findFirst().orElse(null);
        if (community == null) {
            return new ResolvedGrid(0, null, 0, null, code + " lies in no community");
        }
        return new ResolvedGrid(grid.get().id(), path, community.id(), grids.pathOf(community.id()), null);
    }

    static LocalDate date(String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10);
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(t, format);
            }
            catch (DateTimeParseException ex) {
                // try the next
            }
        }
        return null;
    }

    private static String relation(String text) {
        String r = switch (text.strip()) {
            case "户主", "本人" -> "HEAD";
            case "配偶", "妻", "夫" -> "SPOUSE";
            case "子女", "子", "女", "儿子", "女儿" -> "CHILD";
            case "父母", "父亲", "母亲" -> "PARENT";
            case "孙子女", "孙子", "孙女" -> "GRANDCHILD";
            case "祖父母" -> "GRANDPARENT";
            case "兄弟姐妹" -> "SIBLING";
            case "租户" -> "TENANT";
            case "其他" -> "OTHER";
            default -> text.strip().toUpperCase(Locale.ROOT);
        };
        return PersonRules.RELATIONS.contains(r) ? r : null;
    }

    private static Boolean flag(Job job, int line, String field, String text) {
        if (text == null) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "y", "yes", "true", "1" -> true;
            case "否", "n", "no", "false", "0" -> false;
            default -> {
                job.error(line, field, "resident.import.flag", field + " must be 是/否 (yes/no)");
                yield false;
            }
        };
    }

    // ---------------------------------------------------------------- CHECKING

    /** Sorts and hashes over all staging rows in memory, for this transaction only. */
    private void useImportWorkMem() {
        jdbc.execute("set local work_mem = '" + Math.max(4096, workMem.toKilobytes()) + "kB'");
    }

    private void check(Job job) {
        long id = job.id;
        report(job, """
                select line, first from (select line, min(line) over (partition by id_type, id_number_hmac) as first
                  from resident_import_row where job_id = ? and id_number_hmac is not null) x where line > first
                 order by line limit ?""", "idNumber", "resident.import.duplicate-in-file",
                first -> "The same ID number as line " + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s
                  join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                 where s.job_id = ? order by s.line limit ?""", "idNumber", "resident.import.duplicate",
                first -> "A resident with this ID number is already recorded", id);
        report(job, """
                select line, first from (select line, grid_id,
                       first_value(grid_id) over w as first_grid, first_value(line) over w as first
                  from resident_import_row where job_id = ?
                window w as (partition by compound_code, building_code, unit, room order by line)) x
                 where grid_id <> first_grid order by line limit ?""", "microGridCode",
                "resident.import.dwelling-two-grids", first -> "The same dwelling is in another micro grid on line "
                        + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s
                  join resident_compound c on c.code = s.compound_code
                  join resident_building b on b.compound_id = c.id and b.code = s.building_code
                  join resident_dwelling d on d.building_id = b.id and d.unit = s.unit and d.room = s.room
                 where s.job_id = ? and d.grid_id <> s.grid_id order by s.line limit ?""", "microGridCode",
                "resident.import.dwelling-moved", first -> "This dwelling is recorded in another micro grid", id);
        report(job, """
                select line, first from (select line, community_id,
                       first_value(community_id) over w as first_community, first_value(line) over w as first
                  from resident_import_row where job_id = ? window w as (partition by compound_code order by line)) x
                 where community_id <> first_community order by line limit ?""", "compoundCode",
                "resident.import.compound-two-communities",
                first -> "The same compound lies in another community on line " + first, id);
        report(job, """
                select s.line, 0 from resident_import_row s join resident_compound c on c.code = s.compound_code
                 where s.job_id = ? and c.community_id <> s.community_id order by s.line limit ?""", "compoundCode",
                "resident.import.compound-elsewhere", first -> "This compound is recorded in another community", id);
    }

    private void report(Job job, String sql, String field, String code, java.util.function.IntFunction<String> message,
            long jobId) {
        jdbc.query(sql, rs -> {
            job.error(rs.getInt(1), field, code, message.apply(rs.getInt(2)));
        }, jobId, MAX_REPORTED_ERRORS + 1);
    }

    // ---------------------------------------------------------------- WRITING

    private int[] write(long jobId) {
        int compounds = timed(jobId, "compounds", """
                insert into resident_compound (code, name, community_id, community_path)
                select distinct on (compound_code) compound_code, compound_name, community_id, community_path
                  from resident_import_row where job_id = ? order by compound_code, line
                on conflict (code) do nothing""");
        int buildings = timed(jobId, "buildings", """
                insert into resident_building (compound_id, code, name)
                select distinct on (c.id, s.building_code) c.id, s.building_code, s.building_name
                  from resident_import_row s join resident_compound c on c.code = s.compound_code
                 where s.job_id = ? order by c.id, s.building_code, s.line
                on conflict (compound_id, code) do nothing""");
        int dwellings = timed(jobId, "dwellings", """
                insert into resident_dwelling (building_id, unit, room, grid_id, grid_path)
                select distinct on (b.id, s.unit, s.room) b.id, s.unit, s.room, s.grid_id, s.grid_path
                  from resident_import_row s
                  join resident_compound c on c.code = s.compound_code
                  join resident_building b on b.compound_id = c.id and b.code = s.building_code
                 where s.job_id = ? order by b.id, s.unit, s.room, s.line
                on conflict (building_id, unit, room) do nothing""");
        int residents = timed(jobId, "residents", """
                insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac,
                    id_number_masked, phone_enc, phone_hmac, phone_masked, ethnicity, population_type, party_member,
                    volunteer, grid_id, grid_path)
                select name, gender, birth_date, id_type, id_number_enc, id_number_hmac, id_number_masked, phone_enc,
                       phone_hmac, phone_masked, ethnicity, population_type, party_member, volunteer, grid_id, grid_path
                  from resident_import_row where job_id = ? and name is not null""");
        if (residents > 0) {
            timed(jobId, "residences", """
                    insert into resident_residence (person_id, dwelling_id, kind, relation_to_head, moved_in)
                    select p.id, d.id, k.kind, s.relation, coalesce(s.moved_in, current_date)
                      from resident_import_row s
                      join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                      join resident_compound c on c.code = s.compound_code
                      join resident_building b on b.compound_id = c.id and b.code = s.building_code
                      join resident_dwelling d on d.building_id = b.id and d.unit = s.unit and d.room = s.room
                      cross join lateral (select 'LIVING' as kind union all
                                          select 'REGISTERED' where s.population_type = 'REGISTERED') k
                     where s.job_id = ? and s.name is not null""");
            timed(jobId, "tags", """
                    insert into resident_person_tag (person_id, tag_code)
                    select distinct p.id, t.code
                      from resident_import_row s
                      join resident_person p on p.id_type = s.id_type and p.id_number_hmac = s.id_number_hmac
                      cross join lateral unnest(string_to_array(s.tags, ';')) as t(code)
                     where s.job_id = ? and s.tags is not null
                    on conflict do nothing""");
        }
        return new int[] { compounds, buildings, dwellings, residents };
    }

    /** One set-based statement of the write, its duration logged: where a big import spends its time. */
    private int timed(long jobId, String what, String sql) {
        long start = System.nanoTime();
        int rows = jdbc.update(sql, jobId);
        log.info("Resident import {}: {} rows into {} in {} ms", jobId, rows, what, (System.nanoTime() - start) / 1_000_000);
        return rows;
    }

    // ---------------------------------------------------------------- bookkeeping

    private void progress(long jobId, String phase, int done, long bytesRead) {
        progressTransaction.executeWithoutResult(status -> jdbc.update(
                "update resident_import_job set phase = ?, done = ?, bytes_read = ?, heartbeat_at = now() where id = ?",
                phase, done, bytesRead, jobId));
    }

    private void fail(long jobId, List<ImportRowError> errors, int errorCount, String failure) {
        jdbc.update("""
                update resident_import_job set status = 'FAILED', error_count = ?, errors = cast(? as jsonb),
                       failure = ?, finished_at = now(), file_path = null where id = ?""",
                errorCount, json.writeValueAsString(errors), failure, jobId);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException ex) {
            return "node";
        }
    }
}
