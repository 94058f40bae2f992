package org.gridgov.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service facilities of the 15-minute community life circle (15分钟社区生活圈): created, changed and removed by a
 * community's managers on a grid inside their scope, listed for grid staff inside it; imported from GeoJSON, CSV or
 * .xlsx all or nothing ({@link #importFile}). Who may see a facility at all is the data scope on its grid's path; the
 * nearest-facility and coverage questions ({@link LifeCircleService}) use every facility, since one serves whoever
 * lives near it whichever community it belongs to.
 */
@Service
@Transactional(readOnly = true)
public class FacilityService {

    static final int MAX_IMPORT_ROWS = 10_000;

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final AuditLog audit;

    FacilityService(JdbcTemplate jdbc, ParticipationContext context, AuditLog audit) {
        this.jdbc = jdbc;
        this.context = context;
        this.audit = audit;
    }

    /** A checked facility, ready to be written. */
    record Checked(GridNodeRef grid, FacilityKind kind, FacilityLevel level, String name, String address,
            GeoPoint point) {
    }

    @Transactional
    public FacilityView create(FacilityCommand command) {
        Caller caller = context.manager();
        Checked facility = check(command, "", context.visibleGrid(command.gridId(), "gridId"));
        try {
            Long id = jdbc.queryForObject("""
                    insert into participation_facility (grid_id, grid_path, kind, level, name, address, lat, lng,
                        created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                    facility.grid().id(), context.pathOf(facility.grid().id()), facility.kind().name(),
                    facility.level().name(), facility.name(), facility.address(), facility.point().lat(),
                    facility.point().lng(), caller.username());
            audit.record("FACILITY_CREATED", "participation_facility", String.valueOf(id),
                    context.pathOf(facility.grid().id()), facility.kind() + " " + facility.name());
            return get(id);
        }
        catch (DuplicateKeyException ex) {
            throw duplicate();
        }
    }

    @Transactional
    public FacilityView update(long id, FacilityCommand command) {
        context.manager();
        FacilityView current = get(id);
        requireManaged(current);
        Checked facility = check(command, "", context.visibleGrid(command.gridId() == null ? current.gridId()
                : command.gridId(), "gridId"));
        try {
            jdbc.update("""
                    update participation_facility set grid_id = ?, grid_path = ?, kind = ?, level = ?, name = ?,
                        address = ?, lat = ?, lng = ?, updated_at = now(), version = version + 1 where id = ?""",
                    facility.grid().id(), context.pathOf(facility.grid().id()), facility.kind().name(),
                    facility.level().name(), facility.name(), facility.address(), facility.point().lat(),
                    facility.point().lng(), id);
        }
        catch (DuplicateKeyException ex) {
            throw duplicate();
        }
        audit.record("FACILITY_CHANGED", "participation_facility", String.valueOf(id),
                context.pathOf(facility.grid().id()), facility.kind() + " " + facility.name());
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        context.manager();
        FacilityView current = get(id);
        requireManaged(current);
        jdbc.update("delete from participation_facility where id = ?", id);
        audit.record("FACILITY_REMOVED", "participation_facility", String.valueOf(id), context.pathOf(current.gridId()),
                current.kind() + " " + current.name());
    }

    private void requireManaged(FacilityView facility) {
        if (!context.scope().covers(context.pathOf(facility.gridId()))) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "participation.facility.not-yours",
                    "Only the managers of the facility's community may change it");
        }
    }

    private static DomainException duplicate() {
        return new DomainException(DomainException.Kind.CONFLICT, "participation.facility.duplicate",
                "This grid already has a facility of this kind with this name",
                List.of(new FieldViolation("name", "participation.facility.duplicate",
                        "A facility of this kind with this name exists in the grid")));
    }

    /** One facility inside (or above) the caller's part of the tree; 404 otherwise. */
    public FacilityView get(long id) {
        context.staff();
        List<FacilityView> found = jdbc.query(SELECT + " where f.id = ?", this::view, id);
        if (found.isEmpty() || !context.scope().coversOrIsAbove(context.pathOf(found.get(0).gridId()))) {
            throw DomainException.notFound("participation.facility.not-found", "No such facility");
        }
        return found.get(0);
    }

    /** Facilities inside the caller's scope, of one grid's subtree, kind and level when given. */
    public PageResult<FacilityView> list(Long gridId, String kind, String level, int page, int size) {
        context.staff();
        SqlPredicate where = context.scope().sql("f.grid_path");
        if (gridId != null) {
            String path = context.grids().byId(gridId).map(g -> context.pathOf(g.id())).orElse(null);
            where = path == null ? SqlPredicate.FALSE : where.and(PathRange.under(path).sql("f.grid_path"));
        }
        if (kind != null && !kind.isBlank()) {
            where = where.and(SqlPredicate.of("f.kind = ?", kind(kind, "kind").name()));
        }
        if (level != null && !level.isBlank()) {
            where = where.and(SqlPredicate.of("f.level = ?", level(level, "level").name()));
        }
        List<FacilityView> items = jdbc.query(SELECT + " where " + where.sql()
                + " order by f.grid_path, f.kind, f.name, f.id limit ? offset ?", this::view,
                where.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from participation_facility f where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(items, page, size, total == null ? 0 : total);
    }

    static FacilityKind kind(String text, String field) {
        return FacilityKind.parse(text).orElseThrow(() -> DomainException.invalidField("participation.facility.kind",
                field, "One of " + kindsInWords()));
    }

    static FacilityLevel level(String text, String field) {
        return FacilityLevel.parse(text).orElseThrow(() -> DomainException.invalidField(
                "participation.facility.level", field, "FIFTEEN_MINUTES (15分钟) or FIVE_TO_TEN_MINUTES (5-10分钟)"));
    }

    static String kindsInWords() {
        StringBuilder words = new StringBuilder();
        for (FacilityKind k : FacilityKind.values()) {
            words.append(words.isEmpty() ? "" : ", ").append(k.name()).append(" (").append(k.chinese()).append(')');
        }
        return words.toString();
    }

    /**
     * Checks a facility; problems name {@code prefix + field}. The first problem is thrown; {@link FacilityFile}
     * collects every problem of a row through {@link #problems}.
     */
    Checked check(FacilityCommand command, String prefix, GridNodeRef grid) {
        List<FieldViolation> problems = new ArrayList<>();
        Checked checked = problems(command, prefix, grid, problems, null);
        if (!problems.isEmpty()) {
            FieldViolation first = problems.get(0);
            throw new DomainException(DomainException.Kind.INVALID, first.code(), first.message(), problems);
        }
        return checked;
    }

    /** Adds the problems of {@code command} to {@code problems}; the checked facility when there were none. */
    static Checked problems(FacilityCommand command, String prefix, GridNodeRef grid, List<FieldViolation> problems,
            java.util.function.UnaryOperator<String> heading) {
        java.util.function.UnaryOperator<String> h = heading == null ? f -> f : heading;
        int before = problems.size();
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(new FieldViolation(prefix + "name", "field.required",
                    h.apply("name") + ": name the facility (at most 100 characters)"));
        }
        String address = command.address() == null || command.address().isBlank() ? null : command.address().strip();
        if (address != null && address.length() > 200) {
            problems.add(new FieldViolation(prefix + "address", "field.too-long",
                    h.apply("address") + ": at most 200 characters"));
        }
        FacilityKind kind = FacilityKind.parse(command.kind()).orElse(null);
        if (kind == null) {
            problems.add(new FieldViolation(prefix + "kind", "participation.facility.kind", h.apply("kind")
                    + ": " + (command.kind() == null || command.kind().isBlank() ? "missing; " : "\"" + command.kind()
                            + "\" is not a kind; ") + "one of " + kindsInWords()));
        }
        FacilityLevel level = command.level() == null || command.level().isBlank() ? FacilityLevel.FIFTEEN_MINUTES
                : FacilityLevel.parse(command.level()).orElse(null);
        if (level == null) {
            problems.add(new FieldViolation(prefix + "level", "participation.facility.level", h.apply("level")
                    + ": \"" + command.level() + "\" is neither 15分钟 (FIFTEEN_MINUTES) nor 5-10分钟 "
                    + "(FIVE_TO_TEN_MINUTES)"));
        }
        CoordSystem datum = null;
        try {
            datum = command.coordSystem() == null || command.coordSystem().isBlank() ? CoordSystem.WGS84
                    : CoordSystem.valueOf(command.coordSystem().strip().toUpperCase(Locale.ROOT).replace("-", ""));
        }
        catch (IllegalArgumentException ex) {
            problems.add(new FieldViolation(prefix + "coordSystem", "geo.coord-system",
                    h.apply("coordSystem") + ": WGS84, GCJ02 or BD09"));
        }
        if (command.lat() == null || !Double.isFinite(command.lat()) || command.lat() < -90 || command.lat() > 90) {
            problems.add(new FieldViolation(prefix + "lat", "geo.lat-out-of-range",
                    h.apply("lat") + ": a latitude in decimal degrees between -90 and 90"));
        }
        if (command.lng() == null || !Double.isFinite(command.lng()) || command.lng() < -180 || command.lng() > 180) {
            problems.add(new FieldViolation(prefix + "lng", "geo.lng-out-of-range",
                    h.apply("lng") + ": a longitude in decimal degrees between -180 and 180"));
        }
        if (problems.size() > before || grid == null) {
            return null;
        }
        return new Checked(grid, kind, level, name, address, datum.toWgs84(command.lat(), command.lng()));
    }

    /**
     * Writes checked facilities in the caller's transaction: a facility of the same grid, kind and name is updated,
     * any other created.
     *
     * @return {created, updated}
     */
    @Transactional
    int[] upsert(List<Checked> facilities, String by) {
        int created = 0;
        int updated = 0;
        for (Checked f : facilities) {
            Boolean inserted = jdbc.queryForObject("""
                    insert into participation_facility (grid_id, grid_path, kind, level, name, address, lat, lng,
                        created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (grid_id, kind, name) do update set level = excluded.level,
                        address = excluded.address, lat = excluded.lat, lng = excluded.lng, updated_at = now(),
                        version = participation_facility.version + 1
                    returning (xmax = 0)""", Boolean.class, f.grid().id(), context.pathOf(f.grid().id()),
                    f.kind().name(), f.level().name(), f.name(), f.address(), f.point().lat(), f.point().lng(), by);
            if (Boolean.TRUE.equals(inserted)) {
                created++;
            }
            else {
                updated++;
            }
        }
        return new int[] { created, updated };
    }

    /**
     * Imports facilities from a GeoJSON FeatureCollection of points, a CSV (UTF-8 with or without BOM, or
     * GBK/GB18030, detected or named) or an .xlsx (first sheet) with English keys or Chinese headings. Rows without a
     * grid code are put on {@code gridId}; rows without a kind take {@code kind}. All or nothing: any problem, of any
     * row, writes nothing and is answered 422 with every problem by row and field.
     */
    @Transactional
    public FacilityImportResult importFile(String fileName, byte[] content, String charset, Long gridId, String kind) {
        Caller caller = context.manager();
        GridNodeRef defaultGrid = gridId == null ? null : context.visibleGrid(gridId, "gridId");
        FacilityKind defaultKind = kind == null || kind.isBlank() ? null : kind(kind, "kind");
        FacilityFile.Read read = FacilityFile.read(fileName, content, charset, defaultKind, this::gridByCode,
                defaultGrid);
        if (!read.problems().isEmpty()) {
            List<FieldViolation> shown = read.problems().size() > 1000 ? read.problems().subList(0, 1000)
                    : read.problems();
            DomainException refused = new DomainException(DomainException.Kind.RULE_VIOLATION,
                    "participation.facility.import.rows", read.problems().size() + " problem(s) in "
                            + read.rows() + " row(s); nothing was imported",
                    shown, java.util.Map.of("rows", read.rows(), "problems", read.problems().size()));
            throw refused;
        }
        int[] counts = upsert(read.facilities(), caller.username());
        audit.record("FACILITIES_IMPORTED", "participation_facility", fileName == null ? "upload" : fileName,
                defaultGrid == null ? null : context.pathOf(defaultGrid.id()),
                read.format() + ": " + counts[0] + " created, " + counts[1] + " updated");
        return new FacilityImportResult(read.format(), read.rows(), counts[0], counts[1]);
    }

    /**
     * Writes the import template of one kind (Chinese headings, one example row of that kind on a grid of the
     * caller's scope) as CSV (UTF-8 with BOM, for Excel) or .xlsx.
     */
    public void writeTemplate(String kind, String format, java.io.OutputStream out) {
        FacilityKind k = kind(kind, "kind");
        org.gridgov.shared.table.TableFormat f = org.gridgov.shared.table.TableFormat.of(format,
                "participation.facility.template.format");
        String gridCode = context.scope().nodeId() == null ? "GRID-CODE"
                : context.grids().byId(context.scope().nodeId()).map(GridNodeRef::code).orElse("GRID-CODE");
        FacilityFile.writeTemplate(k, f, gridCode, out);
    }

    /** A grid by code inside the caller's scope, or null. */
    private GridNodeRef gridByCode(String code) {
        return context.grids().byCode(code).filter(g -> context.scope().covers(context.pathOf(g.id()))).orElse(null);
    }

    private static final String SELECT = """
            select f.id, f.grid_id, f.kind, f.level, f.name, f.address, f.lat, f.lng, f.version
              from participation_facility f""";

    private FacilityView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        FacilityKind kind = FacilityKind.valueOf(rs.getString("kind"));
        long gridId = rs.getLong("grid_id");
        return new FacilityView(rs.getLong("id"), gridId, context.grids().byId(gridId).map(GridNodeRef::name)
            .orElse(null), kind, kind.chinese(), FacilityLevel.valueOf(rs.getString("level")), rs.getString("name"),
                rs.getString("address"), rs.getDouble("lat"), rs.getDouble("lng"), rs.getInt("version"));
    }
}
