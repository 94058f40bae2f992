package org.gridgov.participation;

import java.sql.Time;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.calendar.PublicHolidays;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A community's public spaces (社区公共活动空间): created by its community worker (or the levels above) with opening
 * hours by weekday; listed for staff inside their scope and, for residents, every active space open to residents;
 * and each day's availability — closed on public holidays of the work calendar when the space says so.
 */
@Service
@Transactional(readOnly = true)
public class SpaceService {

    private static final Set<String> BOOKABLE_BY = Set.of("RESIDENTS", "STAFF");

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final PublicHolidays holidays;
    private final AuditLog audit;
    private final Clock clock;

    SpaceService(JdbcTemplate jdbc, ParticipationContext context, PublicHolidays holidays, AuditLog audit,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.context = context;
        this.holidays = holidays;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public SpaceView create(CreateSpaceCommand command) {
        Caller caller = context.manager();
        Settings settings = settings(command.name(), command.capacity(), command.rules(), command.bookableBy(),
                command.slotMinutes(), command.maxMinutes(), command.hours());
        String bookableBy = settings.bookableBy();
        int slot = settings.slot();
        int max = settings.max();
        List<OpeningHours> hours = settings.hours();
        GridNodeRef grid = context.visibleGrid(command.gridId(), "gridId");
        Long id = jdbc.queryForObject("""
                insert into participation_space (grid_id, grid_path, name, capacity, rules, approval_required,
                    bookable_by, slot_minutes, max_minutes, closed_on_holidays, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, grid.id(),
                context.pathOf(grid.id()), command.name().trim(), command.capacity(), command.rules(),
                Boolean.TRUE.equals(command.approvalRequired()), bookableBy, slot, max,
                command.closedOnHolidays() == null || command.closedOnHolidays(), caller.username());
        for (OpeningHours h : hours) {
            jdbc.update("insert into participation_space_hours (space_id, weekday, opens, closes) values (?, ?, ?, ?)",
                    id, h.weekday(), Time.valueOf(h.opens()), Time.valueOf(h.closes()));
        }
        audit.record("SPACE_CREATED", "participation_space", String.valueOf(id), null, command.name());
        return load(id).orElseThrow();
    }

    /** The settings of a space, checked (one rule for creation and change). */
    private record Settings(String bookableBy, int slot, int max, List<OpeningHours> hours) {
    }

    private static Settings settings(String name, Integer capacity, String rules, String bookableByValue,
            Integer slotMinutes, Integer maxMinutes, List<OpeningHours> hoursValue) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw DomainException.invalidField("field.required", "name", "Name the space (at most 100 characters)");
        }
        if (capacity == null || capacity < 1 || capacity > 10_000) {
            throw DomainException.invalidField("participation.space.capacity", "capacity",
                    "Capacity is 1 to 10000 people");
        }
        String bookableBy = bookableByValue == null ? "RESIDENTS" : bookableByValue;
        if (!BOOKABLE_BY.contains(bookableBy)) {
            throw DomainException.invalidField("participation.space.bookable-by", "bookableBy",
                    "RESIDENTS or STAFF");
        }
        int slot = slotMinutes == null ? 30 : slotMinutes;
        if (slot != 15 && slot != 30 && slot != 60) {
            throw DomainException.invalidField("participation.space.slot", "slotMinutes", "15, 30 or 60 minutes");
        }
        int max = maxMinutes == null ? 240 : maxMinutes;
        if (max < slot || max > 1440 || max % slot != 0) {
            throw DomainException.invalidField("participation.space.max", "maxMinutes",
                    "A whole number of slots, at most 1440 minutes");
        }
        if (rules != null && rules.length() > 2000) {
            throw DomainException.invalidField("field.too-long", "rules", "At most 2000 characters");
        }
        List<OpeningHours> hours = hoursValue == null ? List.of() : hoursValue;
        checkHours(hours);
        return new Settings(bookableBy, slot, max, hours);
    }

    /**
     * Changes a space (managers whose scope covers its grid): name, capacity, rules, approval, who may book, slots,
     * holidays, opening hours, and whether it takes bookings. Held bookings keep their slots (staff cancel those the
     * change rules out); new bookings follow the new rules.
     */
    @Transactional
    public SpaceView change(long id, ChangeSpaceCommand command) {
        Caller caller = context.manager();
        SpaceView space = load(id).orElseThrow(SpaceService::notFound);
        if (!context.scope().coversOrIsAbove(context.pathOf(space.gridId()))) {
            throw notFound();
        }
        // two changes of one space at once: the second waits, so its hours replace the first's whole
        jdbc.queryForObject("select id from participation_space where id = ? for update", Long.class, id);
        Settings settings = settings(command.name(), command.capacity(), command.rules(), command.bookableBy(),
                command.slotMinutes(), command.maxMinutes(), command.hours());
        jdbc.update("""
                update participation_space set name = ?, capacity = ?, rules = ?, approval_required = ?,
                    bookable_by = ?, slot_minutes = ?, max_minutes = ?, closed_on_holidays = ?, active = ?,
                    version = version + 1
                where id = ?""", command.name().trim(), command.capacity(), command.rules(),
                Boolean.TRUE.equals(command.approvalRequired()), settings.bookableBy(), settings.slot(),
                settings.max(), command.closedOnHolidays() == null || command.closedOnHolidays(),
                command.active() == null || command.active(), id);
        jdbc.update("delete from participation_space_hours where space_id = ?", id);
        for (OpeningHours h : settings.hours()) {
            jdbc.update("insert into participation_space_hours (space_id, weekday, opens, closes) values (?, ?, ?, ?)",
                    id, h.weekday(), Time.valueOf(h.opens()), Time.valueOf(h.closes()));
        }
        audit.record("SPACE_CHANGED", "participation_space", String.valueOf(id), space.name(), command.name().trim()
                + " by " + caller.username());
        return load(id).orElseThrow();
    }

    private static void checkHours(List<OpeningHours> hours) {
        for (int i = 0; i < hours.size(); i++) {
            OpeningHours h = hours.get(i);
            String field = "hours[" + i + "]";
            if (h == null || h.weekday() < 1 || h.weekday() > 7) {
                throw DomainException.invalidField("participation.space.weekday", field + ".weekday",
                        "1 (Monday) to 7 (Sunday)");
            }
            if (h.opens() == null || h.closes() == null || !h.opens().isBefore(h.closes())) {
                throw DomainException.invalidField("participation.space.hours", field + ".closes",
                        "Closes after it opens, the same day");
            }
            for (int j = 0; j < i; j++) {
                OpeningHours other = hours.get(j);
                if (other.weekday() == h.weekday() && h.opens().isBefore(other.closes())
                        && other.opens().isBefore(h.closes())) {
                    throw DomainException.invalidField("participation.space.hours-overlap", field + ".opens",
                            "Overlaps hours[" + j + "] on the same weekday");
                }
            }
        }
    }

    /**
     * One space: staff see the spaces inside (or above) their part of the tree, everyone with an account the active
     * spaces residents may book.
     */
    public SpaceView get(long id) {
        return visible(id).map(Loaded::view).orElseThrow(SpaceService::notFound);
    }

    /**
     * A space the caller may see, with its opening hours and the path its row holds (bookings copy it), in one
     * statement: the scope is checked on the space's own path column (a declared path copy, rewritten with the grid's
     * subtree when the grid moves), so no grid is read.
     */
    Optional<Loaded> visible(long id) {
        return loadAll(List.of(id)).stream().filter(this::visible).findFirst();
    }

    private boolean visible(Loaded loaded) {
        SpaceView space = loaded.view();
        if (context.scope().coversOrIsAbove(loaded.gridPath())) {
            return true;
        }
        return space.active() && space.bookableBy().equals("RESIDENTS");
    }

    /** A space as read, with the path its row holds. */
    record Loaded(SpaceView view, String gridPath) {
    }

    /**
     * Spaces: for staff those inside their scope (of one grid's subtree when {@code gridId} is given); for residents
     * every active space they may book, of one grid's subtree when given.
     */
    public PageResult<SpaceView> list(Long gridId, int page, int size) {
        DataScope scope = context.scope();
        SqlPredicate where = scope.kind() == DataScope.Kind.NONE
                ? SqlPredicate.of("s.active and s.bookable_by = 'RESIDENTS'") : scope.sql("s.grid_path");
        if (gridId != null) {
            String path = context.grids().byId(gridId).map(g -> context.pathOf(g.id())).orElse(null);
            where = path == null ? SqlPredicate.FALSE
                    : where.and(org.gridgov.shared.scope.PathRange.under(path).sql("s.grid_path"));
        }
        List<Long> ids = jdbc.queryForList("select s.id from participation_space s where " + where.sql()
                + " order by s.grid_path, s.name, s.id limit ? offset ?", Long.class,
                where.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from participation_space s where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(loadAll(ids).stream().map(Loaded::view).toList(), page, size, total);
    }

    /** A day of a space: open or why not, its hours, what is taken, the free slots from now on. */
    public DayAvailability availability(long id, LocalDate date) {
        SpaceView space = get(id);
        OpeningRules rules = rules(space);
        String closed = rules.closedReason(date);
        List<Period> taken = taken(id, date, date.plusDays(1));
        List<Period> free = new ArrayList<>();
        java.time.Instant now = clock.instant();
        for (Period slot : rules.slotsOn(date, space.slotMinutes())) {
            if (slot.startsAt().isAfter(now) && taken.stream().noneMatch(slot::overlaps)) {
                free.add(slot);
            }
        }
        return new DayAvailability(date, closed == null, closed, rules.hoursOn(date), taken, free);
    }

    OpeningRules rules(SpaceView space) {
        return new OpeningRules(space, holidays::isHoliday);
    }

    /** Periods held by bookings of the space overlapping the China-time days [from, to). */
    List<Period> taken(long spaceId, LocalDate from, LocalDate to) {
        return jdbc.query("""
                select starts_at, ends_at from participation_booking
                 where space_id = ? and state in ('PENDING', 'CONFIRMED', 'ATTENDED', 'NO_SHOW')
                   and tstzrange(starts_at, ends_at, '[)') && tstzrange(?, ?, '[)')
                 order by starts_at""",
                (rs, row) -> new Period(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()), spaceId,
                java.sql.Timestamp.from(from.atStartOfDay(ParticipationContext.CHINA).toInstant()),
                java.sql.Timestamp.from(to.atStartOfDay(ParticipationContext.CHINA).toInstant()));
    }

    Optional<SpaceView> load(long id) {
        return loadAll(List.of(id)).stream().map(Loaded::view).findFirst();
    }

    /** Spaces by id, in the order asked, each with its opening hours: one statement whatever their number. */
    private List<Loaded> loadAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        RowMapper<Loaded> mapper = (rs, row) -> new Loaded(new SpaceView(rs.getLong("id"), rs.getLong("grid_id"),
                gridName(rs.getLong("grid_id")), rs.getString("name"), rs.getInt("capacity"), rs.getString("rules"),
                rs.getBoolean("approval_required"), rs.getString("bookable_by"), rs.getInt("slot_minutes"),
                rs.getInt("max_minutes"), rs.getBoolean("closed_on_holidays"), rs.getBoolean("active"),
                hours(rs.getString("hours"))), rs.getString("grid_path"));
        List<Loaded> spaces = new ArrayList<>(jdbc.query("""
                select s.*, (select string_agg(h.weekday || ' ' || h.opens || ' ' || h.closes, ',' order by h.weekday,
                                               h.opens)
                               from participation_space_hours h where h.space_id = s.id) as hours
                  from participation_space s where s.id = any(?)""", mapper, (Object) ids.toArray(Long[]::new)));
        spaces.sort(Comparator.comparingInt(s -> ids.indexOf(s.view().id())));
        return spaces;
    }

    /** Opening hours as {@link #loadAll} aggregates them: "weekday opens closes" separated by commas. */
    private static List<OpeningHours> hours(String aggregated) {
        if (aggregated == null) {
            return List.of();
        }
        List<OpeningHours> hours = new ArrayList<>();
        for (String one : aggregated.split(",")) {
            String[] parts = one.split(" ");
            hours.add(new OpeningHours(Integer.parseInt(parts[0]), LocalTime.parse(parts[1]), LocalTime.parse(parts[2])));
        }
        return List.copyOf(hours);
    }

    private String gridName(long gridId) {
        return context.grids().byId(gridId).map(GridNodeRef::name).orElse(null);
    }

    static DomainException notFound() {
        return DomainException.notFound("participation.space.not-found", "No such space");
    }

    /** Whether the caller may book a space open to staff only: grid staff at or below the space's grid. */
    boolean mayBookStaffOnly(Caller caller, SpaceView space) {
        return caller.hasRoleIn(Role.GRID_STAFF) && context.scope().coversOrIsAbove(context.pathOf(space.gridId()));
    }
}
