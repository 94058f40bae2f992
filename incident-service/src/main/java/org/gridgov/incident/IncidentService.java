package org.gridgov.incident;

import org.gridgov.shared.security.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.DepartmentView;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridLocator;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffView;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.incident.internal.IncidentSql;
import org.gridgov.incident.internal.Summons;
import org.gridgov.incident.internal.SummonsRepository;
import org.gridgov.incident.internal.TimelineEntry;
import org.gridgov.incident.internal.TimelineRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.Versions;
import org.gridgov.shared.event.IncidentMoved;
import org.gridgov.shared.event.IncidentRated;
import org.gridgov.shared.event.IncidentResolved;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident lifecycle as its users drive it. Every move is checked by {@link IncidentLifecycle} and by who the
 * caller is (their role, their data scope over the holding grid, being the reporter, being a summoned department)
 * and leaves an immutable timeline entry.
 */
@Service
@Transactional(readOnly = true)
public class IncidentService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final SummonsRepository summons;
    private final GridLocator locator;
    private final GridDirectory grids;
    private final DepartmentService departments;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final IncidentProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IncidentService(IncidentRepository incidents, TimelineRepository timeline, SummonsRepository summons,
            GridLocator locator, GridDirectory grids, DepartmentService departments, DataScopeProvider scopes,
            CallerProvider callers, JdbcTemplate jdbc, ApplicationEventPublisher events, IncidentProperties properties,
            Optional<Clock> clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.summons = summons;
        this.locator = locator;
        this.grids = grids;
        this.departments = departments;
        this.scopes = scopes;
        this.callers = callers;
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- intake

    /**
     * Takes a report through any door: locates it, assigns it to the worker of the grid that serves the spot (a
     * dedicated grid's worker inside one; no worker → the general grid's → the community), sets its deadlines, and
     * answers with the tracking code and open reports nearby that may be the same. The same idempotency key from the
     * same reporter returns the first incident, never a second one.
     */
    @Transactional
    public ReportResult report(ReportIncidentCommand command, String idempotencyKey) {
        return reportAs(caller(), command, idempotencyKey);
    }

    /**
     * {@link #report} on behalf of a caller known from an event rather than the security context (another module's
     * request, handled by a listener after that module's transaction committed).
     */
    @Transactional
    public ReportResult reportAs(Caller caller, ReportIncidentCommand command, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Incident> earlier = incidents.findByReporterUsernameAndIdempotencyKey(caller.username(),
                    idempotencyKey);
            if (earlier.isPresent()) {
                return new ReportResult(view(earlier.get(), caller), List.of());
            }
        }
        requireSource(command.source(), caller);
        Category category = category(command.category());
        Located located = locate(command);
        Holder holder = holderFor(located.grid());
        Instant now = clock.instant();
        WorkCalendar calendar = calendar();
        Incident incident = new Incident(trackingCode(now), category.code(), command.source(),
                command.description().strip(), located.lat(), located.lng(), located.grid().id(),
                grids.pathOf(located.grid().id()), holder.grid().id(), grids.pathOf(holder.grid().id()),
                holder.assignee(), located.outside(), command.anonymous(), caller.username(), idempotencyKey,
                command.deviceId(), calendar.plusHours(now, category.responseHours(), category.workingHours()),
                calendar.plusHours(now, category.resolutionHours(), category.workingHours()), now);
        try {
            incidents.saveAndFlush(incident);
        }
        catch (DataIntegrityViolationException ex) {
            if (command.deviceId() != null && String.valueOf(ex.getMessage()).contains("incident_open_device_uk")) {
                throw DomainException.conflict("incident.device-open",
                        "Device " + command.deviceId() + " already has an open incident");
            }
            throw ex;
        }
        record(incident, caller, "REPORTED", null, IncidentState.SUBMITTED, located.grid().id(),
                located.outside() ? "outside every grid: routed to the intake queue of " + holder.grid().name()
                        : "assigned to " + (holder.assignee() == null ? holder.grid().name() : holder.assignee()));
        notify(incident, holder.assignee() == null ? holder.grid().code() : holder.assignee(),
                "新事件 " + incident.getTrackingCode() + "：" + category.name());
        return new ReportResult(view(incident, caller), duplicates(incident));
    }

    /** Residents report as residents, staff on patrol, integrators for external platforms and sensors. */
    private static void requireSource(IncidentSource source, Caller caller) {
        boolean allowed = switch (source) {
            case RESIDENT_REPORT -> true;
            case GRID_PATROL -> IncidentLifecycle.STAFF.contains(caller.role());
            case SENSOR_ALARM, EXTERNAL -> caller.hasRole(Role.INTEGRATOR, Role.SYSTEM_ADMIN);
        };
        if (!allowed) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.source-forbidden",
                    "A " + caller.role() + " may not report as " + source);
        }
    }

    // ---------------------------------------------------------------- reading

    public IncidentView get(long id) {
        Caller caller = caller();
        return view(visible(id, caller), caller);
    }

    public IncidentView byTrackingCode(String code) {
        Caller caller = caller();
        Incident incident = incidents.findByTrackingCode(code).filter(i -> isVisible(i, caller))
            .orElseThrow(() -> DomainException.notFound("incident.not-found", "No incident " + code));
        return view(incident, caller);
    }

    public List<TimelineView> timeline(long id) {
        visible(id, caller());
        return timeline.findByIncidentIdOrderByIdAsc(id).stream()
            .map(e -> new TimelineView(e.getAt(), e.getActor(), e.getActorRole(), e.getAction(),
                    e.getFromState() == null ? null : IncidentState.valueOf(e.getFromState()),
                    e.getToState() == null ? null : IncidentState.valueOf(e.getToState()), e.getGridId(), e.getNote()))
            .toList();
    }

    /**
     * Incidents the caller may see, newest first, filtered. {@code queue=true}: the caller's work — open incidents
     * held inside their scope (for departments: those they were summoned to), due soonest first.
     */
    public PageResult<IncidentView> list(IncidentState state, String category, Boolean overdue, IncidentSource source,
            boolean queue, int page, int size) {
        Caller caller = caller();
        SqlPredicate visible = visibleTo(caller, queue ? "i.holder_path" : "i.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where (").append(visible.sql()).append(')');
        if (queue) {
            where.append(" and ").append(IncidentSql.open("i"));
        }
        if (state != null) {
            where.append(" and i.state = ?");
            args.add(state.name());
        }
        if (category != null && !category.isBlank()) {
            where.append(" and i.category_code = ?");
            args.add(category);
        }
        if (source != null) {
            where.append(" and i.source = ?");
            args.add(source.name());
        }
        if (Boolean.TRUE.equals(overdue)) {
            where.append(" and ").append(IncidentSql.overdue("i"));
        }
        Long total = jdbc.queryForObject("select count(*) from incident i" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        String order = queue ? " order by least(i.accept_due_at, i.resolve_due_at), i.id" : " order by i.id desc";
        List<Long> ids = jdbc.queryForList("select i.id from incident i" + where + order + " limit ? offset ?",
                Long.class, pageArgs.toArray());
        List<IncidentView> items = views(ids, caller);
        long count = total == null ? 0 : total;
        return PageResult.of(items, page, size, count);
    }

    /**
     * Incidents the caller may see (as in {@link #list}) matching all the given criteria, newest first, at most
     * {@code limit}: the query behind Open311's {@code GET requests}.
     */
    public List<IncidentView> search(IncidentSearch search) {
        Caller caller = caller();
        SqlPredicate visible = visibleTo(caller, "i.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where (").append(visible.sql()).append(')');
        if (search.trackingCodes() != null && !search.trackingCodes().isEmpty()) {
            where.append(" and i.tracking_code = any (?)");
            args.add(search.trackingCodes().toArray(String[]::new));
        }
        if (search.categories() != null && !search.categories().isEmpty()) {
            where.append(" and i.category_code = any (?)");
            args.add(search.categories().toArray(String[]::new));
        }
        if (search.from() != null) {
            where.append(" and i.created_at >= ?");
            args.add(java.sql.Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" and i.created_at <= ?");
            args.add(java.sql.Timestamp.from(search.to()));
        }
        if (search.states() != null && !search.states().isEmpty()) {
            where.append(" and i.state = any (?)");
            args.add(search.states().stream().map(Enum::name).toArray(String[]::new));
        }
        if (search.reporterKey() != null) {
            where.append(" and i.reporter_username = ? and i.idempotency_key = ?");
            args.add(caller.username());
            args.add(search.reporterKey());
        }
        args.add(search.limit());
        List<Long> ids = jdbc.queryForList("select i.id from incident i" + where + " order by i.id desc limit ?",
                Long.class, args.toArray());
        return views(ids, caller);
    }

    /** An open incident on the map. */
    public record MapPoint(long id, String trackingCode, IncidentState state, double lat, double lng, boolean overdue) {
    }

    /**
     * Open incidents with a location that the caller may see (as in {@link #list}), newest first, at most
     * {@code limit}: the console's map.
     */
    public List<MapPoint> openOnMap(int limit) {
        SqlPredicate visible = visibleTo(caller(), "i.grid_path");
        return jdbc.query("select i.id, i.tracking_code, i.state, i.lat, i.lng, " + IncidentSql.overdue("i")
                + " as overdue from incident i where (" + visible.sql() + ") and i.lat is not null and "
                + IncidentSql.open("i") + " order by i.id desc limit ?",
                (rs, row) -> new MapPoint(rs.getLong(1), rs.getString(2), IncidentState.valueOf(rs.getString(3)),
                        rs.getDouble(4), rs.getDouble(5), rs.getBoolean(6)), visible.argsBefore(limit));
    }

    /**
     * The SQL predicate (on alias {@code i}) for the incidents a caller may list: residents their own reports,
     * departments those they were summoned to, merchants none, everyone else those whose {@code pathColumn} lies in
     * their data scope.
     */
    private SqlPredicate visibleTo(Caller caller, String pathColumn) {
        if (caller.hasRole(Role.RESIDENT)) {
            return SqlPredicate.of("i.reporter_username = ?", caller.username());
        }
        if (caller.hasRole(Role.DEPARTMENT_STAFF)) {
            return SqlPredicate.of(
                    "exists (select 1 from incident_summons s where s.incident_id = i.id and s.department_id = ?)",
                    caller.departmentId() == null ? -1 : caller.departmentId());
        }
        if (caller.hasRole(Role.MERCHANT)) {
            return SqlPredicate.FALSE;
        }
        return scopes.current().sql(pathColumn);
    }

    // ---------------------------------------------------------------- moves

    @Transactional
    public IncidentView accept(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.ACCEPT, note);
    }

    @Transactional
    public IncidentView start(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.START, note);
    }

    /** A progress note; the state stays. */
    @Transactional
    public IncidentView note(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.NOTE, note);
    }

    @Transactional
    public IncidentView resolve(long id, long expectedVersion, String note) {
        IncidentView view = staffMove(id, expectedVersion, Move.RESOLVE, note);
        Incident incident = incidents.findById(id).orElseThrow();
        notify(incident, incident.getReporterUsername(), "您反映的问题 " + incident.getTrackingCode() + " 已办结，请评价");
        for (Incident merged : incidents.findByMergedIntoId(id)) {
            notify(incident, merged.getReporterUsername(), "您反映的问题 " + merged.getTrackingCode() + " 已随 "
                    + incident.getTrackingCode() + " 办结");
        }
        Caller resolver = callers.current();
        incident.resolvedBy(resolver.accountId(), resolver.username());
        events.publishEvent(new IncidentResolved(id, incident.getTrackingCode(), incident.getCategoryCode(),
                incident.getHolderGridId(), incident.getHolderPath(), resolver.accountId(), resolver.username(),
                !incident.getResolvedAt().isAfter(incident.getResolveDueAt()), incident.getResolvedAt()));
        return view;
    }

    /**
     * Staff need more from the reporter (a photo, the exact door): the incident waits for them and its deadline clock
     * pauses until they reply or staff go on without them.
     */
    @Transactional
    public IncidentView askReporter(long id, long expectedVersion, String question) {
        IncidentView view = staffMove(id, expectedVersion, Move.ASK_REPORTER, question);
        Incident incident = incidents.findById(id).orElseThrow();
        notify(incident, incident.getReporterUsername(), "您反映的问题 " + incident.getTrackingCode() + " 需要补充信息："
                + question);
        return view;
    }

    /** The reporter answers what staff asked: work goes on, and so does the deadline clock. */
    @Transactional
    public IncidentView reply(long id, String text) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        if (!incident.getReporterUsername().equals(caller.username())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-reporter",
                    "Only the reporter answers a question about their report");
        }
        IncidentState before = incident.move(Move.REPORTER_REPLY, caller.role(), clock.instant());
        record(incident, caller, Move.REPORTER_REPLY.name(), before, incident.getState(), incident.getHolderGridId(),
                text);
        if (incident.getAssigneeName() != null) {
            notify(incident, incident.getAssigneeName(), "事件 " + incident.getTrackingCode() + " 的反映人已补充信息");
        }
        return view(incidents.saveAndFlush(incident), caller);
    }

    /** Staff go on without the reporter's answer; the deadline clock goes on. */
    @Transactional
    public IncidentView resume(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.RESUME, note);
    }

    @Transactional
    public IncidentView reject(long id, long expectedVersion, String reason) {
        Incident incident = actionable(id, expectedVersion);
        Caller caller = caller();
        IncidentState before = incident.move(Move.REJECT, caller.role(), clock.instant());
        incident.reject(reason);
        record(incident, caller, "REJECT", before, incident.getState(), incident.getHolderGridId(), reason);
        notify(incident, incident.getReporterUsername(), "您反映的问题 " + incident.getTrackingCode() + " 不属于受理范围：" + reason);
        return view(incidents.saveAndFlush(incident), caller);
    }

    /** Moves the incident up one level: micro → general → community → street (the street is the top). */
    @Transactional
    public IncidentView escalate(long id, long expectedVersion, String reason) {
        Incident incident = actionable(id, expectedVersion);
        Caller caller = caller();
        escalateOneLevel(incident, caller, "ESCALATE", reason);
        return view(incidents.saveAndFlush(incident), caller);
    }

    /**
     * The street blows the whistle (吹哨): summons departments (of the street and its district), each to check in
     * within the configured hours.
     */
    @Transactional
    public IncidentView whistle(long id, long expectedVersion, List<Long> departmentIds, String note) {
        Incident incident = actionable(id, expectedVersion);
        Caller caller = caller();
        GridNodeRef holder = grids.byId(incident.getHolderGridId()).orElseThrow();
        if (holder.type() != GridType.STREET) {
            throw DomainException.ruleViolation("incident.whistle-not-street", null,
                    "Only the street blows the whistle: escalate the incident to the street first");
        }
        if (departmentIds == null || departmentIds.isEmpty()) {
            throw DomainException.invalidField("incident.whistle-departments", "departmentIds",
                    "Name at least one department to summon");
        }
        Map<Long, DepartmentView> summonable = new LinkedHashMap<>();
        departments.summonable(holder.id()).forEach(d -> summonable.put(d.id(), d));
        for (Long departmentId : departmentIds) {
            if (!summonable.containsKey(departmentId)) {
                throw DomainException.ruleViolation("incident.whistle-department", "departmentIds",
                        "Department " + departmentId + " is not one the street can summon");
            }
        }
        Instant now = clock.instant();
        IncidentState before = incident.move(Move.WHISTLE, caller.role(), now);
        Instant due = now.plus(java.time.Duration.ofHours(properties.checkInHours()));
        List<String> names = new ArrayList<>();
        for (Long departmentId : departmentIds.stream().distinct().toList()) {
            if (!summons.existsByIncidentIdAndDepartmentId(id, departmentId)) {
                summons.save(new Summons(id, departmentId, now, due));
            }
            names.add(summonable.get(departmentId).name());
            notify(incident, "department:" + departmentId, "街道吹哨：请于 " + due + " 前报到 " + incident.getTrackingCode());
        }
        record(incident, caller, "WHISTLE", before, incident.getState(), holder.id(),
                "summoned " + String.join("、", names) + (note == null ? "" : "; " + note));
        return view(incidents.saveAndFlush(incident), caller);
    }

    /** A summoned department reports for duty (报到). */
    @Transactional
    public IncidentView checkIn(long id, String note) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        IncidentLifecycle.require(Move.CHECK_IN, incident.getState(), caller.role());
        Summons summoned = summonsOf(incident, caller);
        summoned.checkIn(caller.username(), clock.instant());
        record(incident, caller, "CHECK_IN", incident.getState(), incident.getState(), incident.getHolderGridId(), note);
        return view(incident, caller);
    }

    /** A summoned department that has checked in reports what it did. */
    @Transactional
    public IncidentView reportAction(long id, String report) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        IncidentLifecycle.require(Move.REPORT_ACTION, incident.getState(), caller.role());
        summonsOf(incident, caller).reportAction(report, clock.instant());
        record(incident, caller, "REPORT_ACTION", incident.getState(), incident.getState(), incident.getHolderGridId(),
                report);
        return view(incident, caller);
    }

    /**
     * The reporter rates the result: 3–5 closes it; 1–2 reopens it — the first time where it was, after that at the
     * community.
     */
    @Transactional
    public IncidentView rate(long id, int stars, String comment) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        if (!incident.getReporterUsername().equals(caller.username())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-reporter",
                    "Only the reporter rates an incident");
        }
        if (stars < 1 || stars > 5) {
            throw DomainException.invalidField("incident.rating", "rating", "A rating is 1 to 5 stars");
        }
        IncidentLifecycle.require(Move.RATE, incident.getState(), Role.RESIDENT);
        Instant now = clock.instant();
        IncidentState before = incident.getState();
        boolean reopened = incident.rate(stars, comment, now);
        events.publishEvent(new IncidentRated(incident.getId(), incident.getTrackingCode(), stars,
                incident.getResolvedByAccountId(), incident.getResolvedBy(), incident.getGridPath(), now));
        record(incident, caller, "RATE", before, incident.getState(), incident.getHolderGridId(),
                stars + "★" + (comment == null ? "" : " " + comment));
        if (reopened) {
            Category category = category(incident.getCategoryCode());
            WorkCalendar calendar = calendar();
            incident.reopenDeadlines(calendar.plusHours(now, category.responseHours(), category.workingHours()),
                    calendar.plusHours(now, category.resolutionHours(), category.workingHours()));
            if (incident.getReopenCount() > 1) {
                GridNodeRef community = grids.chain(incident.getGridId()).stream()
                    .filter(n -> n.type() == GridType.COMMUNITY).findFirst().orElse(null);
                if (community != null && community.id() != incident.getHolderGridId()) {
                    incident.holdAt(community.id(), grids.pathOf(community.id()), null, incident.getAcceptDueAt());
                    record(incident, Caller.SYSTEM, "TO_COMMUNITY", incident.getState(), incident.getState(),
                            community.id(), "unsatisfied again: the community takes it over");
                }
            }
            notify(incident, incident.getAssigneeName() == null ? "grid:" + incident.getHolderGridId()
                    : incident.getAssigneeName(), "居民不满意，事件 " + incident.getTrackingCode() + " 已重新打开");
        }
        return view(incidents.saveAndFlush(incident), caller);
    }

    /** Merges a report into another of the same problem; the merged report's reporter follows the survivor. */
    @Transactional
    public IncidentView merge(long id, long expectedVersion, long survivorId) {
        if (id == survivorId) {
            throw DomainException.invalidField("incident.merge-self", "intoId", "An incident cannot merge into itself");
        }
        Incident incident = actionable(id, expectedVersion);
        Caller caller = caller();
        Incident survivor = visible(survivorId, caller);
        if (survivor.getState().isFinal()) {
            throw DomainException.ruleViolation("incident.merge-closed", "intoId", "The surviving incident is not open");
        }
        IncidentState before = incident.move(Move.MERGE, caller.role(), clock.instant());
        incident.mergeInto(survivorId);
        record(incident, caller, "MERGE", before, incident.getState(), incident.getHolderGridId(),
                "merged into " + survivor.getTrackingCode());
        record(survivor, caller, "MERGED_IN", survivor.getState(), survivor.getState(), survivor.getHolderGridId(),
                incident.getTrackingCode() + " (reporter " + incident.getReporterUsername() + ") follows this incident");
        notify(incident, incident.getReporterUsername(), "您反映的问题已并入 " + survivor.getTrackingCode() + "，将随其办理结果通知您");
        return view(incidents.saveAndFlush(incident), caller);
    }

    /** A sensor alarmed again while its incident is open (by {@link SensorIntake}): a timeline entry only. */
    @Transactional
    public void recordSensorRepeat(long id, String detail) {
        Caller caller = caller();
        Incident incident = incidents.findById(id).orElseThrow();
        record(incident, caller, "SENSOR_REPEAT", incident.getState(), incident.getState(), incident.getHolderGridId(),
                detail);
    }

    /** A photo was added (by {@link IncidentPhotos}): a timeline entry, the state stays. */
    @Transactional
    public void recordPhoto(long id, long photoId) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        record(incident, caller, "PHOTO", incident.getState(), incident.getState(), incident.getHolderGridId(),
                "photo " + photoId);
    }

    // ---------------------------------------------------------------- jobs (called by IncidentJobs)

    /** Escalates every incident overdue for acceptance by one level; returns how many. */
    @Transactional
    public int escalateOverdue(int limit) {
        List<Incident> overdue = incidents.overdueForAcceptance(clock.instant(), limit);
        for (Incident incident : overdue) {
            escalateOneLevel(incident, Caller.SYSTEM, "AUTO_ESCALATE", "not accepted by its deadline");
        }
        incidents.saveAllAndFlush(overdue);
        return overdue.size();
    }

    /** Closes resolved incidents the reporter did not rate in time. */
    @Transactional
    public int closeUnrated(int limit) {
        List<Incident> unrated = incidents.resolvedUnratedSince(clock.instant().minus(properties.autoCloseAfter()),
                limit);
        for (Incident incident : unrated) {
            IncidentState before = incident.move(Move.CLOSE, Caller.SYSTEM.role(), clock.instant());
            record(incident, Caller.SYSTEM, "AUTO_CLOSE", before, incident.getState(), incident.getHolderGridId(),
                    "not rated within " + properties.autoCloseAfter().toDays() + " days");
        }
        incidents.saveAllAndFlush(unrated);
        return unrated.size();
    }

    // ---------------------------------------------------------------- helpers

    private IncidentView staffMove(long id, long expectedVersion, Move move, String note) {
        Incident incident = actionable(id, expectedVersion);
        Caller caller = caller();
        IncidentState before = incident.move(move, caller.role(), clock.instant());
        record(incident, caller, move.name(), before, incident.getState(), incident.getHolderGridId(), note);
        return view(incidents.saveAndFlush(incident), caller);
    }

    private void escalateOneLevel(Incident incident, Caller caller, String action, String reason) {
        Instant now = clock.instant();
        List<GridNodeRef> chain = grids.chain(incident.getHolderGridId());
        GridNodeRef current = chain.get(chain.size() - 1);
        if (current.type() == GridType.STREET || current.type() == GridType.DISTRICT) {
            if (action.equals("AUTO_ESCALATE")) {
                // the street is the top of the ladder: remind it, and give it a new deadline
                Category category = category(incident.getCategoryCode());
                incident.reopenDeadlines(calendar().plusHours(now, category.responseHours(), category.workingHours()),
                        incident.getResolveDueAt());
                record(incident, caller, "OVERDUE_AT_STREET", incident.getState(), incident.getState(), current.id(),
                        reason);
                notify(incident, "grid:" + current.id(), "事件 " + incident.getTrackingCode() + " 超时未受理，请街道吹哨");
                return;
            }
            throw DomainException.ruleViolation("incident.escalate-top", null,
                    "The street is the top of the ladder: blow the whistle to summon departments instead");
        }
        GridNodeRef parent = chain.get(chain.size() - 2);
        IncidentState before = incident.move(Move.ESCALATE, caller.role(), now);
        Category category = category(incident.getCategoryCode());
        Holder holder = parent.type() == GridType.GENERAL_GRID || parent.type() == GridType.COMMUNITY
                ? new Holder(parent, grids.worker(parent.id()).map(StaffView::personName).orElse(null))
                : new Holder(parent, null);
        incident.holdAt(parent.id(), grids.pathOf(parent.id()), holder.assignee(),
                calendar().plusHours(now, category.responseHours(), category.workingHours()));
        record(incident, caller, action, before, incident.getState(), parent.id(),
                "to " + parent.name() + (reason == null ? "" : ": " + reason));
        notify(incident, holder.assignee() == null ? "grid:" + parent.id() : holder.assignee(),
                "事件 " + incident.getTrackingCode() + " 已上报至" + parent.name());
    }

    /** An incident the caller may act on as staff: visible, its holding level inside their scope, version current. */
    private Incident actionable(long id, long expectedVersion) {
        Caller caller = caller();
        Incident incident = visible(id, caller);
        Versions.requireCurrent(incident.getVersion(), expectedVersion, "Incident " + incident.getTrackingCode());
        if (IncidentLifecycle.STAFF.contains(caller.role()) && !scopes.current().covers(incident.getHolderPath())) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-holder",
                    "The incident is held at a level above yours (" + grids.byId(incident.getHolderGridId())
                        .map(GridNodeRef::name).orElse("?") + ")");
        }
        return incident;
    }

    private Incident visible(long id, Caller caller) {
        return incidents.findById(id).filter(i -> isVisible(i, caller))
            .orElseThrow(() -> DomainException.notFound("incident.not-found", "No incident " + id));
    }

    private boolean isVisible(Incident incident, Caller caller) {
        if (caller == null) {
            return false;
        }
        if (incident.getReporterUsername().equals(caller.username())
                || incidents.existsByMergedIntoIdAndReporterUsername(incident.getId(), caller.username())) {
            return true; // their own report, or one merged into it: they follow the survivor
        }
        if (caller.hasRole(Role.RESIDENT, Role.MERCHANT)) {
            return false;
        }
        if (caller.hasRole(Role.DEPARTMENT_STAFF)) {
            return caller.departmentId() != null
                    && summons.existsByIncidentIdAndDepartmentId(incident.getId(), caller.departmentId());
        }
        return scopes.current().covers(incident.getGridPath());
    }

    private Summons summonsOf(Incident incident, Caller caller) {
        return summons.findByIncidentIdAndDepartmentId(incident.getId(),
                caller.departmentId() == null ? -1 : caller.departmentId())
            .orElseThrow(() -> new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-summoned",
                    "Your department was not summoned to this incident"));
    }

    private Caller caller() {
        Caller caller = callers.current();
        if (caller == null) {
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "auth.unauthenticated",
                    "Authentication is required");
        }
        return caller;
    }

    private record Located(GridNodeRef grid, Double lat, Double lng, boolean outside) {
    }

    private record Holder(GridNodeRef grid, String assignee) {
    }

    private Located locate(ReportIncidentCommand command) {
        if (command.gridCode() != null && !command.gridCode().isBlank()) {
            GridNodeRef grid = grids.byCode(command.gridCode()).orElseThrow(() -> DomainException.ruleViolation(
                    "incident.unknown-grid", "gridCode", "No active grid " + command.gridCode()));
            return new Located(grid, command.lat(), command.lng(), false);
        }
        if (command.lat() == null || command.lng() == null) {
            throw DomainException.invalidField("incident.location-required", "lat",
                    "Give lat and lng (or a gridCode) for where the problem is");
        }
        CoordSystem system = command.coordSystem() == null ? CoordSystem.WGS84 : command.coordSystem();
        GeoPoint point = system.toWgs84(command.lat(), command.lng());
        Optional<GridNodeRef> grid = locator.gridAt(point);
        if (grid.isPresent()) {
            return new Located(grid.get(), point.lat(), point.lng(), false);
        }
        GridNodeRef intake = (properties.intakeGridCode() == null ? Optional.<GridNodeRef>empty()
                : grids.byCode(properties.intakeGridCode())).or(grids::firstDistrict)
            .orElseThrow(() -> DomainException.ruleViolation("incident.no-intake", "lat",
                    "The point is outside every grid and no intake grid exists"));
        return new Located(intake, point.lat(), point.lng(), true);
    }

    /** The grid's own worker; else up to the general grid's; else the community (no named person). */
    private Holder holderFor(GridNodeRef grid) {
        Optional<StaffView> worker = grids.worker(grid.id());
        if (worker.isPresent()) {
            return new Holder(grid, worker.get().personName());
        }
        List<GridNodeRef> chain = grids.chain(grid.id());
        for (int i = chain.size() - 2; i >= 0; i--) {
            GridNodeRef ancestor = chain.get(i);
            if (ancestor.type() == GridType.GENERAL_GRID) {
                Optional<StaffView> general = grids.worker(ancestor.id());
                if (general.isPresent()) {
                    return new Holder(ancestor, general.get().personName());
                }
            }
            if (ancestor.type() == GridType.COMMUNITY || ancestor.type() == GridType.STREET) {
                return new Holder(ancestor, grids.worker(ancestor.id()).map(StaffView::personName).orElse(null));
            }
        }
        return new Holder(grid, null);
    }

    private List<ReportResult.PossibleDuplicate> duplicates(Incident incident) {
        if (incident.getLat() == null || incident.getLng() == null) {
            return List.of();
        }
        double radius = properties.duplicateRadiusMetres();
        double dLat = radius / 110_574.0;
        double dLng = radius / (111_320.0 * Math.cos(Math.toRadians(incident.getLat())));
        return incidents.notFinalNear(incident.getCategoryCode(), incident.getCreatedAt().minus(properties.duplicateWindow()),
                incident.getLat() - dLat, incident.getLat() + dLat, incident.getLng() - dLng, incident.getLng() + dLng)
            .stream()
            .filter(other -> !other.getId().equals(incident.getId()))
            .map(other -> new ReportResult.PossibleDuplicate(other.getId(), other.getTrackingCode(), other.getState(),
                    Math.round(distance(incident.getLat(), incident.getLng(), other.getLat(), other.getLng()))))
            .filter(candidate -> candidate.distanceMetres() <= radius)
            .toList();
    }

    static double distance(double lat1, double lng1, double lat2, double lng2) {
        double r = 6_371_000;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    private void record(Incident incident, Caller caller, String action, IncidentState from, IncidentState to,
            Long gridId, String note) {
        Instant now = clock.instant();
        timeline.save(new TimelineEntry(incident.getId(), now, caller.username(), caller.role().name(), action,
                from, to, gridId, note));
        events.publishEvent(new IncidentMoved(incident.getId(), incident.getTrackingCode(), incident.getCategoryCode(),
                incident.getSource().name(), action, from == null ? null : from.name(), to.name(),
                incident.getGridPath(), incident.getHolderGridId(), incident.getHolderPath(),
                grids.byId(incident.getHolderGridId()).map(GridNodeRef::name).orElse(null), caller.username(), now,
                incident.getResolveDueAt()));
    }

    private void notify(Incident incident, String recipient, String message) {
        jdbc.update("insert into incident_notification (incident_id, recipient, message) values (?, ?, ?)",
                incident.getId(), recipient.length() > 100 ? recipient.substring(0, 100) : recipient,
                message.length() > 500 ? message.substring(0, 500) : message);
    }

    private String trackingCode(Instant now) {
        StringBuilder code = new StringBuilder("SS").append(DAY.format(now.atZone(WorkCalendar.ZONE))).append('-');
        for (int i = 0; i < 6; i++) {
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    record Category(String code, String name, int responseHours, int resolutionHours, boolean workingHours) {
    }

    private Category category(String code) {
        List<Category> found = jdbc.query("""
                select code, name, response_hours, resolution_hours, working_hours from incident_category
                 where code = ? and active""", (rs, row) -> new Category(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getInt(4), rs.getBoolean(5)), code);
        if (found.isEmpty()) {
            throw DomainException.invalidField("incident.unknown-category", "category", "Unknown category " + code);
        }
        return found.get(0);
    }

    private WorkCalendar calendar() {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        jdbc.query("select day, working from work_calendar_day", rs -> {
            exceptions.put(rs.getDate(1).toLocalDate(), rs.getBoolean(2));
        });
        return new WorkCalendar(exceptions);
    }

    /**
     * The moves the caller may make now: by role and state, and for staff only while the holding level is inside
     * their scope; rating only for the reporter.
     */
    private List<Move> allowedMoves(Incident i, Caller caller) {
        boolean holds = !IncidentLifecycle.STAFF.contains(caller.role()) || scopes.current().covers(i.getHolderPath());
        boolean reporter = i.getReporterUsername().equals(caller.username());
        return IncidentLifecycle.allowed(i.getState(), caller.role()).stream()
            .filter(move -> move == Move.RATE || move == Move.REPORTER_REPLY ? reporter : holds)
            .toList();
    }

    private IncidentView view(Incident i, Caller caller) {
        return view(i, caller, categoryNames());
    }

    /** Category names by code: a handful of rows, read once per request rather than once per incident. */
    private Map<String, String> categoryNames() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select code, name from incident_category", rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    /** Views of these incidents in this order, reading categories and summons once for all of them. */
    private List<IncidentView> views(List<Long> ids, Caller caller) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Incident> byId = new HashMap<>();
        incidents.findAllById(ids).forEach(i -> byId.put(i.getId(), i));
        Map<Long, List<Summons>> summonsById = new HashMap<>();
        summons.findByIncidentIdInOrderById(ids)
            .forEach(s -> summonsById.computeIfAbsent(s.getIncidentId(), k -> new ArrayList<>()).add(s));
        Map<String, String> names = categoryNames();
        return ids.stream().map(byId::get)
            .map(i -> view(i, caller, names, summonsById.getOrDefault(i.getId(), List.of())))
            .toList();
    }

    private IncidentView view(Incident i, Caller caller, Map<String, String> names) {
        return view(i, caller, names, summons.findByIncidentIdOrderById(i.getId()));
    }

    private IncidentView view(Incident i, Caller caller, Map<String, String> names, List<Summons> summonsOfIt) {
        boolean showReporter = !i.isAnonymous() || i.getReporterUsername().equals(caller.username());
        List<SummonsView> summoned = summonsOfIt.stream()
            .map(s -> new SummonsView(s.getDepartmentId(), s.getSummonedAt(), s.getCheckInDueAt(), s.getCheckedInAt(),
                    s.getCheckedInBy(), s.getReportedAt(), s.getReport()))
            .toList();
        return new IncidentView(i.getId(), i.getTrackingCode(), i.getCategoryCode(), names.get(i.getCategoryCode()),
                i.getSource(), i.getDescription(), i.getLat(), i.getLng(), grids.byId(i.getGridId()).orElse(null),
                grids.byId(i.getHolderGridId()).orElse(null), i.getAssigneeName(), i.getState(), i.isOutsideGrid(),
                i.isAnonymous(), showReporter ? i.getReporterUsername() : null, i.getAcceptDueAt(), i.getResolveDueAt(),
                i.getAcceptedAt(), i.getResolvedAt(), i.getClosedAt(), i.getEscalations(), i.getReopenCount(),
                i.getRating() == null ? null : i.getRating().intValue(), i.getRatingComment(), i.getRejectionReason(),
                i.getMergedIntoId(), i.getVersion(), i.getCreatedAt(), allowedMoves(i, caller), summoned,
                i.getClockPausedAt());
    }
}
