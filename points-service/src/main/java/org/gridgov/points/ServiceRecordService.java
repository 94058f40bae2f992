package org.gridgov.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Earning points: the service catalogue with its rules (data, versioned), service records (服务记录) recorded by grid
 * workers and volunteers, and their review by a community worker. Approval posts the points by the rule in force,
 * capped per person and month; the record can be paid once only (unique entry source).
 */
@Service
@Transactional(readOnly = true)
public class ServiceRecordService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsContext context;
    private final AuditLog audit;
    private final Clock clock;
    private final PointsNotifications notifications;

    ServiceRecordService(JdbcTemplate jdbc, PointsLedger ledger, PointsContext context, AuditLog audit,
            PointsNotifications notifications, Optional<Clock> clock) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.context = context;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    // ---------------------------------------------------------------- catalogue

    public List<ServiceTypeView> types() {
        return jdbc.query("select * from service_type order by code", TYPE);
    }

    public ServiceTypeView type(String code) {
        return jdbc.query("select * from service_type where code = ?", TYPE, code).stream().findFirst()
            .orElseThrow(() -> DomainException.notFound("points.service-type.not-found", "No such service type"));
    }

    /** Creates or edits a service type; an edit bumps its version, so entries keep naming the rule they were paid by. */
    @Transactional
    public ServiceTypeView saveType(String code, String name, String ruleKind, int points, Integer monthlyCap,
            boolean active) {
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
            throw DomainException.invalidField("points.service-type.code", "code", "Upper-case letters, digits, _");
        }
        if (points <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "points", "Points must be positive");
        }
        if (monthlyCap != null && monthlyCap <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "monthlyCap", "The cap must be positive");
        }
        jdbc.update("""
                insert into service_type (code, name, rule_kind, points, monthly_cap, active) values (?, ?, ?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, rule_kind = excluded.rule_kind,
                    points = excluded.points, monthly_cap = excluded.monthly_cap, active = excluded.active,
                    version = service_type.version + 1""", code, name, ruleKind, points, monthlyCap, active);
        ServiceTypeView saved = type(code);
        audit.record("POINTS_RULE_CHANGED", "service_type", code, null, saved.ruleText());
        return saved;
    }

    // ---------------------------------------------------------------- records

    /** Records a service; the same idempotency key from the same person returns the first record. */
    @Transactional
    public ServiceRecordView record(RecordServiceCommand command, String idempotencyKey) {
        Caller caller = context.person();
        if (idempotencyKey != null) {
            List<ServiceRecordView> earlier = jdbc.query(SELECT + " where r.worker_id = ? and r.idempotency_key = ?",
                    RECORD, caller.accountId(), idempotencyKey);
            if (!earlier.isEmpty()) {
                return earlier.get(0);
            }
        }
        ServiceTypeView type = jdbc.query("select * from service_type where code = ?", TYPE, command.typeCode())
            .stream().findFirst().filter(ServiceTypeView::active)
            .orElseThrow(() -> DomainException.invalidField("points.service-type.unknown", "typeCode",
                    "No active service type with this code"));
        if (type.ruleKind().equals("PER_HOUR") && command.hours() == null) {
            throw DomainException.invalidField("points.service.hours-required", "hours",
                    "This service type is paid per hour: give the hours");
        }
        if (command.hours() != null && command.hours().signum() <= 0) {
            throw DomainException.invalidField("points.amount-not-positive", "hours", "Hours must be positive");
        }
        Instant performedAt = command.performedAt() == null ? clock.instant() : command.performedAt();
        if (performedAt.isAfter(clock.instant().plusSeconds(300))) {
            throw DomainException.invalidField("points.service.in-future", "performedAt", "Not in the future");
        }
        long gridId = grid(caller, command.gridCode());
        String path = context.pathOf(gridId);
        Long id = jdbc.queryForObject("""
                insert into service_record (type_code, worker_id, worker_name, grid_id, grid_path, beneficiary,
                    performed_at, hours, place, description, photo_refs, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, type.code(),
                caller.accountId(), caller.username(), gridId, path, command.beneficiary(),
                Timestamp.from(performedAt), command.hours(), command.place(), command.description(),
                command.photoRefs(), idempotencyKey);
        ServiceRecordView created = get(id);
        notifications.serviceRecordToReview(created, path);
        return created;
    }

    private long grid(Caller caller, String gridCode) {
        if (gridCode != null && !gridCode.isBlank()) {
            GridNodeRef grid = context.grids().byCode(gridCode.trim())
                .orElseThrow(() -> DomainException.invalidField("points.service.grid-unknown", "gridCode",
                        "No active grid with this code"));
            DataScope scope = context.scope();
            // staff record within their own part of the tree; volunteers (no scope) anywhere they served
            if (scope.kind() != DataScope.Kind.NONE && !scope.covers(context.pathOf(grid.id()))) {
                throw DomainException.invalidField("points.service.grid-unknown", "gridCode",
                        "No active grid with this code");
            }
            return grid.id();
        }
        if (caller.scopeNodeId() == null) {
            throw DomainException.invalidField("points.service.grid-required", "gridCode",
                    "Name the grid where the service was done");
        }
        return caller.scopeNodeId();
    }

    /** One record: its worker sees it, and the staff whose scope covers its grid. */
    public ServiceRecordView get(long id) {
        ServiceRecordView record = jdbc.query(SELECT + " where r.id = ?", RECORD, id).stream().findFirst()
            .orElseThrow(ServiceRecordService::notFound);
        Caller caller = context.caller();
        if (!(caller.accountId() != null && caller.accountId() == record.workerId())
                && !context.scope().covers(context.pathOf(record.gridId()))) {
            throw notFound();
        }
        return record;
    }

    /**
     * My records, or with {@code review=true} the records inside my scope waiting for review (or in {@code state}).
     */
    public PageResult<ServiceRecordView> list(boolean review, String state, int page, int size) {
        if (review) {
            return review(state, null, null, page, size);
        }
        Caller person = context.person();
        List<ServiceRecordView> items = jdbc.query(SELECT + " where r.worker_id = ? order by r.created_at desc, r.id desc"
                + " limit ? offset ?", RECORD, person.accountId(), size, (long) page * size);
        Long total = jdbc.queryForObject("select count(*) from service_record where worker_id = ?", Long.class,
                person.accountId());
        return PointsContext.page(items, page, size, total);
    }

    /**
     * The records inside my scope in {@code state} (SUBMITTED when null) performed between {@code from} and {@code to}
     * (days in China Standard Time, both included, either open), oldest first: the review queue of a week.
     */
    public PageResult<ServiceRecordView> review(String state, LocalDate from, LocalDate to, int page, int size) {
        context.caller();
        String wanted = state == null ? "SUBMITTED" : state;
        SqlPredicate where = context.scope().sql("r.grid_path").and(SqlPredicate.of("r.state = ?", wanted));
        if (from != null) {
            where = where.and(SqlPredicate.of("r.performed_at >= ?",
                    Timestamp.from(from.atStartOfDay(CHINA).toInstant())));
        }
        if (to != null) {
            where = where.and(SqlPredicate.of("r.performed_at < ?",
                    Timestamp.from(to.plusDays(1).atStartOfDay(CHINA).toInstant())));
        }
        List<ServiceRecordView> items = jdbc.query(SELECT + " where " + where.sql()
                + " order by r.created_at, r.id limit ? offset ?", RECORD, where.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from service_record r where " + where.sql(), Long.class,
                where.array());
        return PointsContext.page(items, page, size, total);
    }

    /**
     * Approves a record and pays it by the rule in force now, capped per person and month — once, whatever double
     * clicks or retries: the state moves SUBMITTED → APPROVED under a row lock and the entry's source is unique.
     */
    @Transactional
    public ServiceRecordView approve(long id, String note) {
        Caller reviewer = context.caller();
        context.requireManager(reviewer);
        ServiceRecordView record = lockForReview(id, reviewer);
        ServiceTypeView type = type(record.typeCode());
        long rulePoints = type.ruleKind().equals("PER_HOUR")
                ? record.hours().multiply(BigDecimal.valueOf(type.points())).setScale(0, RoundingMode.DOWN).longValue()
                : type.points();
        long person = ledger.personAccount(record.workerId(), record.workerName());
        long issuance = ledger.issuanceAccount();
        // the person's account row serialises this person's approvals, so the cap cannot be overrun by two at once;
        // both rows of the transfer are taken now, in the one ascending order every transfer uses (no deadlock with
        // an incident's earning for the same person on the same issuance row)
        ledger.lockAccounts(List.of(issuance, person));
        long award = rulePoints;
        if (type.monthlyCap() != null) {
            ZonedDateTime monthStart = ZonedDateTime.now(clock.withZone(CHINA)).withDayOfMonth(1).toLocalDate()
                .atStartOfDay(CHINA);
            Long earned = jdbc.queryForObject("""
                    select coalesce(sum(points_awarded), 0) from service_record
                     where worker_id = ? and type_code = ? and state = 'APPROVED' and reviewed_at >= ?""", Long.class,
                    record.workerId(), record.typeCode(), Timestamp.from(monthStart.toInstant()));
            award = Math.max(0, Math.min(rulePoints, type.monthlyCap() - earned));
        }
        Long entryId = null;
        if (award > 0) {
            PostedEntry entry = ledger.post(Transfer.of(EntryType.EARN, "service-record:" + id, "service-record:" + id,
                    reviewer.username(), issuance, person, award)
                .withRule(type.ruleText()).withGridPath(context.pathOf(record.gridId()))
                .withMemo(type.name()));
            if (entry.replayed()) {
                throw DomainException.conflict("points.service.already-paid", "This service record was already paid");
            }
            entryId = entry.entryId();
        }
        jdbc.update("""
                update service_record set state = 'APPROVED', reviewed_by = ?, reviewed_at = ?, review_note = ?,
                       points_awarded = ?, entry_id = ?
                 where id = ? and state = 'SUBMITTED'""", reviewer.username(), Timestamp.from(clock.instant()), note,
                (int) award, entryId, id);
        return get(id);
    }

    @Transactional
    public ServiceRecordView reject(long id, String reason) {
        Caller reviewer = context.caller();
        context.requireManager(reviewer);
        lockForReview(id, reviewer);
        jdbc.update("""
                update service_record set state = 'REJECTED', reviewed_by = ?, reviewed_at = ?, review_note = ?
                 where id = ? and state = 'SUBMITTED'""", reviewer.username(), Timestamp.from(clock.instant()), reason,
                id);
        return get(id);
    }

    private ServiceRecordView lockForReview(long id, Caller reviewer) {
        List<ServiceRecordView> found = jdbc.query(SELECT + " where r.id = ? for update of r", RECORD, id);
        if (found.isEmpty() || !context.scope().covers(context.pathOf(found.get(0).gridId()))) {
            throw notFound();
        }
        ServiceRecordView record = found.get(0);
        if (reviewer.accountId() != null && reviewer.accountId() == record.workerId()) {
            throw DomainException.ruleViolation("points.service.own-record", "id",
                    "Nobody approves or rejects their own service record");
        }
        if (!record.state().equals("SUBMITTED")) {
            throw new DomainException(DomainException.Kind.CONFLICT, "points.service.already-reviewed",
                    "This service record was already " + record.state().toLowerCase(), List.of(),
                    java.util.Map.of("state", record.state()));
        }
        return record;
    }

    private static DomainException notFound() {
        return DomainException.notFound("points.service.not-found", "Service record not found");
    }

    private static final String SELECT = """
            select r.*, t.name as type_name from service_record r join service_type t on t.code = r.type_code""";

    private static final RowMapper<ServiceTypeView> TYPE = (rs, i) -> new ServiceTypeView(rs.getString("code"),
            rs.getString("name"), rs.getString("rule_kind"), rs.getInt("points"),
            (Integer) rs.getObject("monthly_cap"), rs.getBoolean("active"), rs.getInt("version"));

    private static final RowMapper<ServiceRecordView> RECORD = (rs, i) -> new ServiceRecordView(rs.getLong("id"),
            rs.getString("type_code"), rs.getString("type_name"), rs.getLong("worker_id"), rs.getString("worker_name"),
            rs.getLong("grid_id"), rs.getString("beneficiary"), rs.getTimestamp("performed_at").toInstant(),
            rs.getBigDecimal("hours"), rs.getString("place"), rs.getString("description"), rs.getString("photo_refs"),
            rs.getString("state"), rs.getString("reviewed_by"), instant(rs.getTimestamp("reviewed_at")),
            rs.getString("review_note"), (Integer) rs.getObject("points_awarded"), (Long) rs.getObject("entry_id"),
            rs.getTimestamp("created_at").toInstant());

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
