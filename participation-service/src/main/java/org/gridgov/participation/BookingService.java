package org.gridgov.participation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking community spaces (预约): residents and groups book slots on their phones; spaces that need approval hold
 * the slot as PENDING until the community's staff confirm or reject; bookers cancel before the start; staff record
 * attendance or a no-show afterwards.
 * <p>
 * <b>A space is never booked twice.</b> The insert is {@code on conflict do nothing} against the exclusion constraint
 * {@code participation_booking_no_overlap} ({@code space_id =, tstzrange(starts_at, ends_at) &&}, btree_gist): of
 * any number of racing requests for overlapping periods PostgreSQL lets exactly one in, whatever the isolation level
 * and however many application nodes; the others get 409 {@code participation.booking.slot-taken} with the next free
 * slots of the same length.
 */
@Service
@Transactional(readOnly = true)
public class BookingService {

    /** How far ahead a slot may be booked. */
    static final int HORIZON_DAYS = 60;
    static final int NEXT_FREE = 3;
    static final List<String> STATES = List.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "ATTENDED",
            "NO_SHOW");
    private static final String HELD = "('PENDING', 'CONFIRMED', 'ATTENDED', 'NO_SHOW')";

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final SpaceService spaces;
    private final AuditLog audit;
    private final Clock clock;

    BookingService(JdbcTemplate jdbc, ParticipationContext context, SpaceService spaces, AuditLog audit,
            Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.context = context;
        this.spaces = spaces;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public BookingView book(BookCommand command) {
        Caller person = context.person();
        if (command.spaceId() == null) {
            throw DomainException.invalidField("field.required", "spaceId", "Name the space");
        }
        if (command.startsAt() == null) {
            throw DomainException.invalidField("field.required", "startsAt", "Give the start");
        }
        if (command.endsAt() == null) {
            throw DomainException.invalidField("field.required", "endsAt", "Give the end");
        }
        if (command.attendees() == null || command.attendees() < 1) {
            throw DomainException.invalidField("participation.booking.attendees", "attendees",
                    "At least one person attends");
        }
        if (command.purpose() == null || command.purpose().isBlank() || command.purpose().length() > 500) {
            throw DomainException.invalidField("field.required", "purpose",
                    "Say what the space is for (at most 500 characters)");
        }
        if (command.groupName() != null && command.groupName().length() > 100) {
            throw DomainException.invalidField("field.too-long", "groupName", "At most 100 characters");
        }
        SpaceService.Loaded loaded = spaces.visible(command.spaceId())
            .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "participation.space.not-found",
                    "No such space", List.of(new FieldViolation("spaceId", "participation.space.not-found",
                            "No space with this id"))));
        SpaceView space = loaded.view();
        if (!space.active()) {
            throw DomainException.ruleViolation("participation.space.inactive", "spaceId",
                    "This space takes no bookings now");
        }
        if (space.bookableBy().equals("STAFF") && !spaces.mayBookStaffOnly(person, space)) {
            throw DomainException.ruleViolation("participation.booking.staff-only", "spaceId",
                    "Only the grid's staff book this space");
        }
        if (command.attendees() > space.capacity()) {
            throw DomainException.ruleViolation("participation.booking.over-capacity", "attendees",
                    "The space holds at most " + space.capacity() + " people");
        }
        Period wanted = new Period(command.startsAt(), command.endsAt());
        Instant now = clock.instant();
        if (!wanted.startsAt().isAfter(now)) {
            throw DomainException.ruleViolation("participation.booking.in-past", "startsAt",
                    "A booking starts in the future");
        }
        if (wanted.startsAt().isAfter(now.plus(Duration.ofDays(HORIZON_DAYS)))) {
            throw DomainException.ruleViolation("participation.booking.too-far", "startsAt",
                    "Spaces are booked at most " + HORIZON_DAYS + " days ahead");
        }
        OpeningRules rules = spaces.rules(space);
        rules.check(wanted);
        String state = space.approvalRequired() ? "PENDING" : "CONFIRMED";
        String groupName = blank(command.groupName());
        String purpose = command.purpose().trim();
        // the created booking is answered from what was written: the insert returns the two columns the database
        // decides (id, created_at), so a booking is two statements in all (the space with its hours, this insert)
        List<BookingView> inserted = jdbc.query("""
                insert into participation_booking (space_id, grid_path, booker_id, booker_name, group_name, purpose,
                    attendees, starts_at, ends_at, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing returning id, created_at""",
                (rs, row) -> new BookingView(rs.getLong(1), space.id(), space.name(), person.accountId(),
                        person.username(), groupName, purpose, command.attendees(), wanted.startsAt(),
                        wanted.endsAt(), state, null, null, null, rs.getTimestamp(2).toInstant()),
                space.id(), loaded.gridPath(), person.accountId(), person.username(), groupName, purpose,
                command.attendees(), Timestamp.from(wanted.startsAt()), Timestamp.from(wanted.endsAt()), state);
        if (inserted.isEmpty()) {
            throw slotTaken(space, rules, wanted, now);
        }
        return inserted.get(0);
    }

    private DomainException slotTaken(SpaceView space, OpeningRules rules, Period wanted, Instant now) {
        LocalDate from = wanted.startsAt().atZone(ParticipationContext.CHINA).toLocalDate();
        List<Period> taken = spaces.taken(space.id(), from, from.plusDays(15));
        List<Map<String, String>> next = new ArrayList<>();
        for (Period p : rules.nextFree(wanted, taken, now, NEXT_FREE, 14)) {
            Map<String, String> slot = new LinkedHashMap<>();
            slot.put("startsAt", p.startsAt().toString());
            slot.put("endsAt", p.endsAt().toString());
            next.add(slot);
        }
        return new DomainException(DomainException.Kind.CONFLICT, "participation.booking.slot-taken",
                "The space is already booked for part of this period",
                List.of(new FieldViolation("startsAt", "participation.booking.slot-taken",
                        "Overlaps another booking of this space")),
                Map.of("nextFreeSlots", next));
    }

    /** One booking: its booker sees it, and the staff whose scope covers its space. */
    public BookingView get(long id) {
        BookingView booking = jdbc.query(SELECT + " where b.id = ?", ROW, id).stream().findFirst()
            .orElseThrow(BookingService::notFound);
        Caller caller = context.caller();
        if (!(caller.accountId() != null && caller.accountId() == booking.bookerId()) && !coveredByScope(id)) {
            throw notFound();
        }
        return booking;
    }

    private boolean coveredByScope(long id) {
        SqlPredicate visible = context.scope().sql("b.grid_path");
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from participation_booking b "
                + "where b.id = ? and " + visible.sql() + ")", Boolean.class, visible.argsAfter(id)));
    }

    /** My bookings, the coming ones first. */
    public PageResult<BookingView> mine(int page, int size) {
        Caller person = context.person();
        List<BookingView> items = jdbc.query(SELECT + " where b.booker_id = ? order by b.starts_at desc, b.id desc "
                + "limit ? offset ?", ROW, person.accountId(), size, (long) page * size);
        Long total = jdbc.queryForObject("select count(*) from participation_booking where booker_id = ?",
                Long.class, person.accountId());
        return ParticipationContext.page(items, page, size, total);
    }

    /** Bookings of the spaces inside the caller's scope: of one space, in one state, from one day on. */
    public PageResult<BookingView> list(Long spaceId, String state, LocalDate from, int page, int size) {
        context.staff();
        SqlPredicate where = context.scope().sql("b.grid_path");
        if (spaceId != null) {
            where = where.and(SqlPredicate.of("b.space_id = ?", spaceId));
        }
        if (state != null && !state.isBlank()) {
            if (!STATES.contains(state)) {
                throw DomainException.invalidField("participation.booking.state", "state",
                        "One of " + String.join(", ", STATES));
            }
            where = where.and(SqlPredicate.of("b.state = ?", state));
        }
        if (from != null) {
            where = where.and(SqlPredicate.of("b.starts_at >= ?",
                    Timestamp.from(from.atStartOfDay(ParticipationContext.CHINA).toInstant())));
        }
        List<BookingView> items = jdbc.query(SELECT + " where " + where.sql()
                + " order by b.starts_at, b.id limit ? offset ?", ROW, where.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from participation_booking b where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(items, page, size, total);
    }

    /** Confirms or rejects a booking waiting for approval (the space's staff). */
    @Transactional
    public BookingView decide(long id, boolean approve, String note) {
        Caller staff = context.staff();
        requireCovered(id);
        if (!approve && (note == null || note.isBlank())) {
            throw DomainException.invalidField("field.required", "note", "Say why the booking is rejected");
        }
        int changed = jdbc.update("""
                update participation_booking set state = ?, decided_by = ?, decided_at = ?, decision_note = ?
                 where id = ? and state = 'PENDING'""", approve ? "CONFIRMED" : "REJECTED", staff.username(),
                Timestamp.from(clock.instant()), blank(note), id);
        if (changed == 0) {
            throw DomainException.conflict("participation.booking.not-pending", "Only a pending booking is decided");
        }
        audit.record(approve ? "BOOKING_CONFIRMED" : "BOOKING_REJECTED", "participation_booking",
                String.valueOf(id), null, note);
        return get(id);
    }

    /** Cancels a pending or confirmed booking: its booker before it starts, or the space's staff. */
    @Transactional
    public BookingView cancel(long id, String reason) {
        Caller caller = context.caller();
        BookingView booking = get(id);
        boolean booker = caller.accountId() != null && caller.accountId() == booking.bookerId();
        if (!booker) {
            context.staff();
        }
        if (booker && !coveredByScope(id) && !booking.startsAt().isAfter(clock.instant())) {
            throw DomainException.ruleViolation("participation.booking.started", "id",
                    "A booking that has started can no longer be cancelled");
        }
        int changed = jdbc.update("""
                update participation_booking set state = 'CANCELLED', decided_by = ?, decided_at = ?,
                       decision_note = ?
                 where id = ? and state in ('PENDING', 'CONFIRMED')""", caller.username(),
                Timestamp.from(clock.instant()), blank(reason), id);
        if (changed == 0) {
            throw DomainException.conflict("participation.booking.not-cancellable",
                    "Only a pending or confirmed booking is cancelled");
        }
        return get(id);
    }

    /** Records, once the booking has started, whether the booker came (ATTENDED) or not (NO_SHOW). */
    @Transactional
    public BookingView recordAttendance(long id, boolean attended) {
        Caller staff = context.staff();
        requireCovered(id);
        int changed = jdbc.update("""
                update participation_booking set state = ?, decided_by = ?, decided_at = ?
                 where id = ? and state = 'CONFIRMED' and starts_at <= ?""", attended ? "ATTENDED" : "NO_SHOW",
                staff.username(), Timestamp.from(clock.instant()), id, Timestamp.from(clock.instant()));
        if (changed == 0) {
            throw DomainException.conflict("participation.booking.not-started",
                    "Attendance is recorded for a confirmed booking once it has started");
        }
        return get(id);
    }

    private void requireCovered(long id) {
        if (!coveredByScope(id)) {
            throw notFound();
        }
    }

    /** Held bookings of a space from now on (for the figures and the console). */
    public long upcoming(long spaceId) {
        return jdbc.queryForObject("select count(*) from participation_booking where space_id = ? and state in "
                + HELD + " and ends_at > ?", Long.class, spaceId, Timestamp.from(clock.instant()));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound() {
        return DomainException.notFound("participation.booking.not-found", "No such booking");
    }

    private static final String SELECT = """
            select b.*, s.name as space_name from participation_booking b
              join participation_space s on s.id = b.space_id""";

    private static final RowMapper<BookingView> ROW = (rs, row) -> new BookingView(rs.getLong("id"),
            rs.getLong("space_id"), rs.getString("space_name"), rs.getLong("booker_id"), rs.getString("booker_name"),
            rs.getString("group_name"), rs.getString("purpose"), rs.getInt("attendees"),
            rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("state"),
            rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")), rs.getString("decision_note"),
            rs.getTimestamp("created_at").toInstant());

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
