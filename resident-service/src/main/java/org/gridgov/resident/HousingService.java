package org.gridgov.resident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.resident.internal.ResidentViewMapper;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places people live and work: compounds (小区/院落) → buildings (楼栋) → dwellings (户, with their unit 单元), each
 * dwelling in exactly one micro grid; shops and enterprises; door-to-door verification (人房数据核验). Reads are
 * narrowed by the caller's data scope on the dwelling's grid path; outside it a dwelling does not exist (404).
 */
@Service
@Transactional(readOnly = true)
public class HousingService {

    private final JdbcTemplate jdbc;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final ResidentViewMapper views;
    private final Clock clock;

    HousingService(JdbcTemplate jdbc, GridDirectory grids, DataScopeProvider scopes, CallerProvider callers,
            ResidentViewMapper views, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.grids = grids;
        this.scopes = scopes;
        this.callers = callers;
        this.views = views;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- compounds and buildings

    /** A new compound in a community inside the caller's scope. */
    @Transactional
    public CompoundView createCompound(String code, String name, String address, Long communityId) {
        require(code != null && code.matches("[0-9A-Za-z_-]{1,40}"), "code", "code: 1-40 letters, digits, - or _");
        require(name != null && !name.isBlank() && name.length() <= 100, "name", "name is required (≤ 100)");
        require(communityId != null, "communityId", "communityId is required");
        GridNodeRef community = visibleGrid(communityId, "communityId");
        if (community.type() != GridType.COMMUNITY) {
            throw DomainException.ruleViolation("resident.compound.not-community", "communityId",
                    "A compound belongs to a COMMUNITY, not a " + community.type());
        }
        try {
            Long id = jdbc.queryForObject("""
                    insert into resident_compound (code, name, address, community_id, community_path)
                    values (?, ?, ?, ?, ?) returning id""", Long.class, code, name.strip(), blankToNull(address),
                    communityId, grids.pathOf(communityId));
            return compound(id);
        }
        catch (DuplicateKeyException ex) {
            throw DomainException.conflict("resident.compound.duplicate", "A compound with code " + code + " exists");
        }
    }

    /** Compounds the caller may see (in their community, or with a dwelling in their grid), by name. */
    public PageResult<CompoundView> compounds(Long nodeId, String name, int page, int size) {
        SqlPredicate visible = compoundVisible(scopes.current());
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        if (nodeId != null) {
            PathRange under = PathRange.under(grids.pathOf(visibleGrid(nodeId, "nodeId").id()));
            compoundIn(under.sql("c.community_path"), under.sql("d.grid_path")).appendTo(where, args);
        }
        if (name != null && !name.isBlank()) {
            where.append(" and c.name like ?");
            args.add("%" + name.strip() + "%");
        }
        Long total = jdbc.queryForObject("select count(*) from resident_compound c" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Long> ids = jdbc.queryForList("select c.id from resident_compound c" + where
                + " order by c.name, c.id limit ? offset ?", Long.class, args.toArray());
        long count = total == null ? 0 : total;
        return new PageResult<>(ids.stream().map(this::compound).toList(), page, size, count,
                (int) ((count + size - 1) / size));
    }

    public CompoundView compound(long id) {
        DataScope scope = scopes.current();
        SqlPredicate visible = compoundVisible(scope);
        List<CompoundView> found = jdbc.query("select c.id, c.code, c.name, c.address, c.community_id from "
                + "resident_compound c where c.id = ? and " + visible.sql(),
                (rs, row) -> new CompoundView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        grids.byId(rs.getLong(5)).orElse(null), List.of()), visible.argsAfter(id));
        if (found.isEmpty()) {
            throw DomainException.notFound("resident.compound.not-found", "No compound " + id);
        }
        SqlPredicate dwellingVisible = scope.sql("d.grid_path");
        List<CompoundView.BuildingView> buildings = jdbc.query("select b.id, b.code, b.name, (select count(*) from "
                + "resident_dwelling d where d.building_id = b.id and " + dwellingVisible.sql() + ") "
                + "from resident_building b where b.compound_id = ? order by b.code",
                (rs, row) -> new CompoundView.BuildingView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4)), dwellingVisible.argsBefore(id));
        return views.withBuildings(found.get(0), buildings);
    }

    /** A compound is visible in its community's scope, and wherever one of its dwellings is. */
    private static SqlPredicate compoundVisible(DataScope scope) {
        return compoundIn(scope.sql("c.community_path"), scope.sql("d.grid_path"));
    }

    /** Compound {@code c} lies in a community matching {@code community} or has a dwelling matching {@code dwelling}. */
    private static SqlPredicate compoundIn(SqlPredicate community, SqlPredicate dwelling) {
        return community.or(new SqlPredicate("exists (select 1 from resident_building b join resident_dwelling d on "
                + "d.building_id = b.id where b.compound_id = c.id and " + dwelling.sql() + ")", dwelling.args()));
    }

    @Transactional
    public CompoundView.BuildingView createBuilding(long compoundId, String code, String name) {
        CompoundView compound = compound(compoundId);
        requireManages(compound.community());
        require(code != null && !code.isBlank() && code.length() <= 40, "code", "code is required (≤ 40)");
        String label = name == null || name.isBlank() ? code.strip() + "栋" : name.strip();
        try {
            Long id = jdbc.queryForObject("insert into resident_building (compound_id, code, name) values (?, ?, ?) "
                    + "returning id", Long.class, compoundId, code.strip(), label);
            return new CompoundView.BuildingView(id, code.strip(), label, 0);
        }
        catch (DuplicateKeyException ex) {
            throw DomainException.conflict("resident.building.duplicate", "Building " + code + " exists in the compound");
        }
    }

    // ---------------------------------------------------------------- dwellings

    /** A new dwelling in a building, in a micro grid of the compound's community that the caller may see. */
    @Transactional
    public DwellingView createDwelling(long buildingId, String unit, String room, Long gridId, boolean partyCentre) {
        List<Long> compoundIds = jdbc.queryForList("select compound_id from resident_building where id = ?", Long.class,
                buildingId);
        if (compoundIds.isEmpty()) {
            throw DomainException.notFound("resident.building.not-found", "No building " + buildingId);
        }
        CompoundView compound = compound(compoundIds.get(0));
        require(room != null && !room.isBlank() && room.length() <= 20, "room", "room is required (≤ 20)");
        require(unit == null || unit.length() <= 20, "unit", "unit: at most 20 characters");
        require(gridId != null, "gridId", "gridId (the dwelling's micro grid) is required");
        GridNodeRef grid = microGrid(gridId, grids.pathOf(compound.community().id()));
        try {
            Long id = jdbc.queryForObject("""
                    insert into resident_dwelling (building_id, unit, room, grid_id, grid_path, party_centre)
                    values (?, ?, ?, ?, ?, ?) returning id""", Long.class, buildingId, unit == null ? "" : unit.strip(),
                    room.strip(), grid.id(), grids.pathOf(grid.id()), partyCentre);
            return dwelling(id);
        }
        catch (DuplicateKeyException ex) {
            throw DomainException.conflict("resident.dwelling.duplicate", "That dwelling exists in the building");
        }
    }

    /**
     * A micro grid the caller may see, under {@code communityPath}: every dwelling lies in exactly one micro grid.
     *
     * @throws DomainException 422 for a grid of another type or outside the community (dwellings outside any micro
     *         grid are refused)
     */
    GridNodeRef microGrid(long gridId, String communityPath) {
        GridNodeRef grid = visibleGrid(gridId, "gridId");
        if (grid.type() != GridType.MICRO_GRID) {
            throw DomainException.ruleViolation("resident.dwelling.not-micro-grid", "gridId",
                    "A dwelling lies in a MICRO_GRID, not a " + grid.type());
        }
        if (communityPath != null && !grids.pathOf(gridId).startsWith(communityPath)) {
            throw DomainException.ruleViolation("resident.dwelling.other-community", "gridId",
                    "The micro grid is not in the compound's community");
        }
        return grid;
    }

    private static final String DWELLING_SELECT = """
            select d.id, c.id as compound_id, c.name as compound_name, b.id as building_id, b.name as building_name,
                   d.unit, d.room, d.grid_id, d.party_centre, d.verified_by, d.verified_at, d.verification_note,
                   (select count(*) from resident_residence r where r.dwelling_id = d.id and r.moved_out is null
                       and r.kind = 'LIVING') as residents
              from resident_dwelling d
              join resident_building b on b.id = d.building_id
              join resident_compound c on c.id = b.compound_id""";

    public DwellingView dwelling(long id) {
        SqlPredicate visible = scopes.current().sql("d.grid_path");
        List<DwellingView> found = jdbc.query(DWELLING_SELECT + " where d.id = ? and " + visible.sql(),
                this::dwellingView, visible.argsAfter(id));
        if (found.isEmpty()) {
            throw DomainException.notFound("resident.dwelling.not-found", "No dwelling " + id);
        }
        return found.get(0);
    }

    /**
     * Dwellings the caller may see — for a grid worker, "my households" — optionally in one grid's subtree, one
     * building, or only those not verified within {@code unverifiedMonths}.
     */
    public PageResult<DwellingView> dwellings(Long nodeId, Long buildingId, Integer unverifiedMonths, int page,
            int size) {
        SqlPredicate visible = scopes.current().sql("d.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        if (nodeId != null) {
            PathRange.under(grids.pathOf(visibleGrid(nodeId, "nodeId").id())).sql("d.grid_path").appendTo(where, args);
        }
        if (buildingId != null) {
            where.append(" and d.building_id = ?");
            args.add(buildingId);
        }
        if (unverifiedMonths != null) {
            where.append(" and (d.verified_at is null or d.verified_at < now() - make_interval(months => ?))");
            args.add(unverifiedMonths);
        }
        Long total = jdbc.queryForObject("select count(*) from resident_dwelling d" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<DwellingView> items = jdbc.query(DWELLING_SELECT + where
                + " order by c.name, b.code, d.unit, d.room limit ? offset ?", this::dwellingView, args.toArray());
        long count = total == null ? 0 : total;
        return new PageResult<>(items, page, size, count, (int) ((count + size - 1) / size));
    }

    /** A grid worker confirms (or corrects, with a note) a dwelling's record on site. */
    @Transactional
    public DwellingView verify(long id, String note) {
        dwelling(id);
        require(note == null || note.length() <= 500, "note", "note: at most 500 characters");
        jdbc.update("update resident_dwelling set verified_by = ?, verified_at = ?, verification_note = ? where id = ?",
                callers.current().username(), Timestamp.from(clock.instant()), blankToNull(note), id);
        return dwelling(id);
    }

    private DwellingView dwellingView(ResultSet rs, int row) throws SQLException {
        String unit = rs.getString("unit");
        String address = rs.getString("compound_name") + " " + rs.getString("building_name")
                + (unit == null || unit.isEmpty() ? "" : " " + unit + "单元") + " " + rs.getString("room");
        Timestamp verifiedAt = rs.getTimestamp("verified_at");
        return new DwellingView(rs.getLong("id"), rs.getLong("compound_id"), rs.getString("compound_name"),
                rs.getLong("building_id"), rs.getString("building_name"), unit, rs.getString("room"), address,
                grids.byId(rs.getLong("grid_id")).orElse(null), rs.getBoolean("party_centre"),
                rs.getString("verified_by"), verifiedAt == null ? null : verifiedAt.toInstant(),
                rs.getString("verification_note"), rs.getLong("residents"));
    }

    // ---------------------------------------------------------------- places

    @Transactional
    public PlaceView createPlace(String kind, String name, String address, String contactName, Long gridId) {
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        require(k.equals("SHOP") || k.equals("ENTERPRISE"), "kind", "kind must be SHOP or ENTERPRISE");
        require(name != null && !name.isBlank() && name.length() <= 100, "name", "name is required (≤ 100)");
        require(gridId != null, "gridId", "gridId is required");
        GridNodeRef grid = visibleGrid(gridId, "gridId");
        Long id = jdbc.queryForObject("""
                insert into resident_place (kind, name, address, contact_name, grid_id, grid_path)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, k, name.strip(), blankToNull(address),
                blankToNull(contactName), gridId, grids.pathOf(gridId));
        return new PlaceView(id, k, name.strip(), blankToNull(address), blankToNull(contactName), grid);
    }

    public PageResult<PlaceView> places(String kind, int page, int size) {
        SqlPredicate visible = scopes.current().sql("grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        String where = " where " + visible.sql();
        if (kind != null && !kind.isBlank()) {
            where += " and kind = ?";
            args.add(kind.strip().toUpperCase(Locale.ROOT));
        }
        Long total = jdbc.queryForObject("select count(*) from resident_place" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<PlaceView> items = jdbc.query("select id, kind, name, address, contact_name, grid_id from resident_place"
                + where + " order by name, id limit ? offset ?", (rs, row) -> new PlaceView(rs.getLong(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        grids.byId(rs.getLong(6)).orElse(null)), args.toArray());
        long count = total == null ? 0 : total;
        return new PageResult<>(items, page, size, count, (int) ((count + size - 1) / size));
    }

    // ---------------------------------------------------------------- helpers

    /** An active grid inside the caller's scope; 422 naming the field otherwise (the body named it). */
    GridNodeRef visibleGrid(long id, String field) {
        Optional<GridNodeRef> grid = grids.byId(id);
        if (grid.isEmpty() || !scopes.current().covers(grids.pathOf(id))) {
            throw DomainException.ruleViolation("resident.grid.unknown", field, "No grid " + id + " in your scope");
        }
        return grid.get();
    }

    private void requireManages(GridNodeRef community) {
        if (!scopes.current().covers(grids.pathOf(community.id()))) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "resident.compound.not-yours",
                    "Only those who manage the compound's community may change its buildings");
        }
    }

    static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw DomainException.invalidField("resident." + field + ".invalid", field, message);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
