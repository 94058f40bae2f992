package org.gridgov.participation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.event.VolunteerServiceConfirmed;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Activities (活动): organised by the community, a partner or a resident group; sign-up with a waiting list (the
 * activity row is locked while a place is taken or given back, so the capacity holds under any number of concurrent
 * sign-ups, and a cancellation moves the first waiting person up); check-in with a QR code shown at the door, signed
 * with the activity's own key and accepted once (its nonce is a primary key), one check-in per person; volunteers'
 * hours confirmed once and sent to the points module as {@link VolunteerServiceConfirmed}; a short report afterwards.
 */
@Service
@Transactional(readOnly = true)
public class ActivityService {

    /** How long a check-in code shown at the door stays valid. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    /** Check-in opens this long before the start. */
    static final Duration CHECK_IN_EARLY = Duration.ofHours(1);
    private static final Set<String> ORGANISERS = Set.of("COMMUNITY", "PARTNER", "GROUP");
    private static final Set<String> ROLES = Set.of("PARTICIPANT", "VOLUNTEER");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ActivityService(JdbcTemplate jdbc, ParticipationContext context, ApplicationEventPublisher events,
            AuditLog audit, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.context = context;
        this.events = events;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public ActivityView create(CreateActivityCommand command) {
        Caller caller = context.manager();
        if (command.title() == null || command.title().isBlank() || command.title().length() > 200) {
            throw DomainException.invalidField("field.required", "title", "Give a title (at most 200 characters)");
        }
        if (command.description() != null && command.description().length() > 4000) {
            throw DomainException.invalidField("field.too-long", "description", "At most 4000 characters");
        }
        String kind = command.organiserKind() == null ? "COMMUNITY" : command.organiserKind();
        if (!ORGANISERS.contains(kind)) {
            throw DomainException.invalidField("participation.activity.organiser-kind", "organiserKind",
                    "COMMUNITY, PARTNER or GROUP");
        }
        if (command.organiserName() == null || command.organiserName().isBlank()
                || command.organiserName().length() > 100) {
            throw DomainException.invalidField("field.required", "organiserName",
                    "Name the organiser (at most 100 characters)");
        }
        if (command.startsAt() == null) {
            throw DomainException.invalidField("field.required", "startsAt", "Give the start");
        }
        if (command.endsAt() == null || !command.endsAt().isAfter(command.startsAt())) {
            throw DomainException.invalidField("participation.activity.end-before-start", "endsAt",
                    "The activity ends after it starts");
        }
        if (command.capacity() == null || command.capacity() < 1 || command.capacity() > 100_000) {
            throw DomainException.invalidField("participation.activity.capacity", "capacity", "1 to 100000 people");
        }
        if (command.place() != null && command.place().length() > 200) {
            throw DomainException.invalidField("field.too-long", "place", "At most 200 characters");
        }
        GridNodeRef grid = context.visibleGrid(command.gridId(), "gridId");
        String place = blank(command.place());
        if (command.bookingId() != null) {
            place = bookedPlace(command);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Long id = jdbc.queryForObject("""
                insert into participation_activity (grid_id, grid_path, title, description, organiser_kind,
                    organiser_name, starts_at, ends_at, place, booking_id, capacity, checkin_key, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, grid.id(),
                context.pathOf(grid.id()), command.title().trim(), blank(command.description()), kind,
                command.organiserName().trim(), Timestamp.from(command.startsAt()), Timestamp.from(command.endsAt()),
                place, command.bookingId(), command.capacity(), key, caller.username());
        audit.record("ACTIVITY_CREATED", "participation_activity", String.valueOf(id), null, command.title());
        return get(id);
    }

    /** The booking must be one the caller's scope covers, confirmed, and cover the activity's whole period. */
    private String bookedPlace(CreateActivityCommand command) {
        SqlPredicate visible = context.scope().sql("b.grid_path");
        List<String> place = jdbc.queryForList("""
                select s.name from participation_booking b join participation_space s on s.id = b.space_id
                 where b.id = ? and b.state = 'CONFIRMED' and b.starts_at <= ? and b.ends_at >= ?""" + " and "
                + visible.sql(), String.class, visible.argsAfter(command.bookingId(),
                        Timestamp.from(command.startsAt()), Timestamp.from(command.endsAt())));
        if (place.isEmpty()) {
            throw DomainException.ruleViolation("participation.activity.booking", "bookingId",
                    "No confirmed booking of yours covers the activity's period");
        }
        return place.get(0);
    }

    /** One activity: staff whose scope covers it, and everyone while it is open. */
    public ActivityView get(long id) {
        ActivityView activity = jdbc.query(SELECT + " where a.id = ?", ROW, id).stream().findFirst()
            .orElseThrow(ActivityService::notFound);
        if (!activity.state().equals("OPEN") && !covered(activity)) {
            throw notFound();
        }
        return activity;
    }

    private boolean covered(ActivityView activity) {
        return context.scope().covers(context.pathOf(activity.gridId()));
    }

    /** Staff: the activities in their scope. Residents: the open ones that have not ended. */
    public PageResult<ActivityView> list(int page, int size) {
        DataScope scope = context.scope();
        SqlPredicate where = scope.kind() == DataScope.Kind.NONE
                ? SqlPredicate.of("a.state = 'OPEN' and a.ends_at > ?", Timestamp.from(clock.instant()))
                : scope.sql("a.grid_path");
        List<ActivityView> items = jdbc.query(SELECT + " where " + where.sql()
                + " order by a.starts_at desc, a.id desc limit ? offset ?", ROW,
                where.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from participation_activity a where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(items, page, size, total);
    }

    /**
     * Signs the caller up: a participant takes a place while there is one, else joins the waiting list; a volunteer
     * is not counted against the capacity. The activity row is locked meanwhile, so the capacity holds.
     */
    @Transactional
    public SignupView signUp(long id, String role) {
        Caller person = context.person();
        String wanted = role == null ? "PARTICIPANT" : role;
        if (!ROLES.contains(wanted)) {
            throw DomainException.invalidField("participation.signup.role", "role", "PARTICIPANT or VOLUNTEER");
        }
        ActivityView activity = lockOpen(id);
        if (!activity.endsAt().isAfter(clock.instant())) {
            throw DomainException.ruleViolation("participation.activity.over", "id", "The activity is over");
        }
        String state = "SIGNED_UP";
        if (wanted.equals("PARTICIPANT")) {
            Long taken = jdbc.queryForObject("select count(*) from participation_signup where activity_id = ? and "
                    + "role = 'PARTICIPANT' and state = 'SIGNED_UP'", Long.class, id);
            state = taken < activity.capacity() ? "SIGNED_UP" : "WAITING";
        }
        List<Long> signed = jdbc.queryForList("""
                insert into participation_signup (activity_id, person_id, person_name, role, state)
                values (?, ?, ?, ?, ?)
                on conflict (activity_id, person_id) do update
                   set role = excluded.role, state = excluded.state, created_at = now(), checked_in_at = null
                 where participation_signup.state = 'CANCELLED'
                returning id""", Long.class, id, person.accountId(), person.username(), wanted, state);
        if (signed.isEmpty()) {
            throw DomainException.conflict("participation.signup.exists", "You have already signed up");
        }
        return signup(signed.get(0));
    }

    /** Gives the caller's place back; the first waiting participant moves up. */
    @Transactional
    public SignupView cancelSignUp(long id) {
        Caller person = context.person();
        lockOpen(id);
        List<SignupView> mine = jdbc.query(SIGNUP_SELECT + " where s.activity_id = ? and s.person_id = ? and "
                + "s.state <> 'CANCELLED'", SIGNUP_ROW, id, person.accountId());
        if (mine.isEmpty()) {
            throw DomainException.notFound("participation.signup.not-found", "You have not signed up");
        }
        SignupView signup = mine.get(0);
        if (signup.checkedInAt() != null) {
            throw DomainException.conflict("participation.signup.checked-in", "You have already checked in");
        }
        jdbc.update("update participation_signup set state = 'CANCELLED' where id = ?", signup.id());
        if (signup.role().equals("PARTICIPANT") && signup.state().equals("SIGNED_UP")) {
            jdbc.update("""
                    update participation_signup set state = 'SIGNED_UP'
                     where id = (select id from participation_signup where activity_id = ? and state = 'WAITING'
                                  and role = 'PARTICIPANT' order by id limit 1)""", id);
        }
        return signup(signup.id());
    }

    private ActivityView lockOpen(long id) {
        List<Long> locked = jdbc.queryForList("select id from participation_activity where id = ? and state = 'OPEN' "
                + "for update", Long.class, id);
        if (locked.isEmpty()) {
            throw notFound();
        }
        return get(id);
    }

    /** My sign-ups, the latest activities first. */
    public PageResult<SignupView> mine(int page, int size) {
        Caller person = context.person();
        List<SignupView> items = jdbc.query(SIGNUP_SELECT + " where s.person_id = ? order by a.starts_at desc, s.id "
                + "desc limit ? offset ?", SIGNUP_ROW, person.accountId(), size, (long) page * size);
        Long total = jdbc.queryForObject("select count(*) from participation_signup where person_id = ?", Long.class,
                person.accountId());
        return ParticipationContext.page(items, page, size, total);
    }

    /** The sign-ups of an activity in the caller's scope (staff). */
    public List<SignupView> signups(long id) {
        context.staff();
        requireCovered(id);
        return jdbc.query(SIGNUP_SELECT + " where s.activity_id = ? order by s.role, s.state, s.id", SIGNUP_ROW, id);
    }

    /** A fresh check-in code for the door (staff of the activity's grid). */
    public CheckInCode issueCode(long id) {
        context.staff();
        requireCovered(id);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Instant expires = clock.instant().plus(CODE_LIFETIME);
        String payload = id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "."
                + expires.getEpochSecond();
        return new CheckInCode(id, payload + "." + sign(key(id), payload), expires);
    }

    /**
     * Checks the caller in with a code shown at the door: signed by this activity, not expired, not used before; the
     * caller signed up, checking in from an hour before the start to the end, once.
     */
    @Transactional
    public SignupView checkIn(long id, String code) {
        Caller person = context.person();
        ActivityView activity = get(id);
        String[] part = code == null ? new String[0] : code.trim().split("\\.");
        if (part.length != 4 || !part[0].equals(String.valueOf(id)) || !part[2].matches("\\d{1,12}")
                || !MessageDigest.isEqual(sign(key(id), part[0] + "." + part[1] + "." + part[2])
                    .getBytes(StandardCharsets.US_ASCII), part[3].getBytes(StandardCharsets.US_ASCII))) {
            throw DomainException.invalidField("participation.checkin.code-invalid", "code",
                    "This is not a check-in code of this activity");
        }
        Instant now = clock.instant();
        if (Instant.ofEpochSecond(Long.parseLong(part[2])).isBefore(now)) {
            throw DomainException.ruleViolation("participation.checkin.code-expired", "code",
                    "The code has expired: scan the one shown now");
        }
        if (now.isBefore(activity.startsAt().minus(CHECK_IN_EARLY)) || now.isAfter(activity.endsAt())) {
            throw DomainException.ruleViolation("participation.checkin.closed", "code",
                    "Check-in is open from an hour before the start to the end");
        }
        List<SignupView> mine = jdbc.query(SIGNUP_SELECT + " where s.activity_id = ? and s.person_id = ? and "
                + "s.state = 'SIGNED_UP'", SIGNUP_ROW, id, person.accountId());
        if (mine.isEmpty()) {
            throw DomainException.ruleViolation("participation.checkin.not-signed-up", "code",
                    "You have no place at this activity");
        }
        if (jdbc.update("update participation_signup set checked_in_at = ? where id = ? and checked_in_at is null",
                Timestamp.from(now), mine.get(0).id()) == 0) {
            throw DomainException.conflict("participation.checkin.already", "You have already checked in");
        }
        if (jdbc.update("insert into participation_checkin_use (nonce, activity_id, person_id) values (?, ?, ?) "
                + "on conflict do nothing", part[1], id, person.accountId()) == 0) {
            // rolls back the check-in above: the code was someone else's
            throw new DomainException(DomainException.Kind.CONFLICT, "participation.checkin.code-used",
                    "This code has been used: scan the one shown now",
                    List.of(new FieldViolation("code", "participation.checkin.code-used", "Used already")));
        }
        return signup(mine.get(0).id());
    }

    /**
     * Confirms a checked-in volunteer's hours, once; the points module turns them into Happiness Card points.
     */
    @Transactional
    public SignupView confirmVolunteerHours(long id, long signupId, BigDecimal hours) {
        Caller manager = context.manager();
        ActivityView activity = get(id);
        requireCovered(id);
        if (hours == null || hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(24)) > 0
                || hours.scale() > 1 && hours.stripTrailingZeros().scale() > 1) {
            throw DomainException.invalidField("participation.volunteer.hours", "hours",
                    "0.1 to 24 hours, in tenths");
        }
        List<SignupView> found = jdbc.query(SIGNUP_SELECT + " where s.id = ? and s.activity_id = ?", SIGNUP_ROW,
                signupId, id);
        if (found.isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "participation.signup.not-found",
                    "No such sign-up", List.of(new FieldViolation("signupId", "participation.signup.not-found",
                            "No sign-up with this id at this activity")));
        }
        SignupView signup = found.get(0);
        if (!signup.role().equals("VOLUNTEER") || signup.checkedInAt() == null) {
            throw DomainException.ruleViolation("participation.volunteer.not-checked-in", "signupId",
                    "Only a volunteer who checked in gets hours");
        }
        if (jdbc.update("update participation_signup set hours_confirmed = ?, confirmed_by = ? where id = ? and "
                + "hours_confirmed is null", hours, manager.username(), signupId) == 0) {
            throw DomainException.conflict("participation.volunteer.confirmed", "These hours are confirmed already");
        }
        events.publishEvent(new VolunteerServiceConfirmed(signupId, id, activity.title(), signup.personId(),
                signup.personName(), activity.gridId(), context.pathOf(activity.gridId()), hours,
                activity.startsAt(), manager.username()));
        return signup(signupId);
    }

    /** The short report afterwards (what happened, how many came). */
    @Transactional
    public ActivityView report(long id, String report) {
        context.manager();
        requireCovered(id);
        if (report == null || report.isBlank() || report.length() > 4000) {
            throw DomainException.invalidField("field.required", "report", "Write the report (at most 4000 "
                    + "characters)");
        }
        jdbc.update("update participation_activity set report = ?, version = version + 1 where id = ?",
                report.trim(), id);
        return get(id);
    }

    private void requireCovered(long id) {
        SqlPredicate visible = context.scope().sql("a.grid_path");
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from participation_activity a where "
                + "a.id = ? and " + visible.sql() + ")", Boolean.class, visible.argsAfter(id)))) {
            throw notFound();
        }
    }

    private byte[] key(long id) {
        return jdbc.query("select checkin_key from participation_activity where id = ?",
                rs -> rs.next() ? rs.getBytes(1) : null, id);
    }

    private static String sign(byte[] key, String payload) {
        if (key == null) {
            throw notFound();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private SignupView signup(long signupId) {
        return jdbc.query(SIGNUP_SELECT + " where s.id = ?", SIGNUP_ROW, signupId).get(0);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound() {
        return DomainException.notFound("participation.activity.not-found", "No such activity");
    }

    private static final String SELECT = """
            select a.*,
                   (select count(*) from participation_signup s where s.activity_id = a.id and s.role = 'PARTICIPANT'
                       and s.state = 'SIGNED_UP') as signed_up,
                   (select count(*) from participation_signup s where s.activity_id = a.id and s.state = 'WAITING')
                       as waiting,
                   (select count(*) from participation_signup s where s.activity_id = a.id and s.role = 'VOLUNTEER'
                       and s.state = 'SIGNED_UP') as volunteers,
                   (select count(*) from participation_signup s where s.activity_id = a.id
                       and s.checked_in_at is not null) as checked_in
              from participation_activity a""";

    private static final RowMapper<ActivityView> ROW = (rs, row) -> new ActivityView(rs.getLong("id"),
            rs.getLong("grid_id"), rs.getString("title"), rs.getString("description"), rs.getString("organiser_kind"),
            rs.getString("organiser_name"), rs.getTimestamp("starts_at").toInstant(),
            rs.getTimestamp("ends_at").toInstant(), rs.getString("place"), (Long) rs.getObject("booking_id"),
            rs.getInt("capacity"), rs.getString("state"), rs.getLong("signed_up"), rs.getLong("waiting"),
            rs.getLong("volunteers"), rs.getLong("checked_in"), rs.getString("report"));

    private static final String SIGNUP_SELECT = """
            select s.*, a.title, a.starts_at from participation_signup s
              join participation_activity a on a.id = s.activity_id""";

    private static final RowMapper<SignupView> SIGNUP_ROW = (rs, row) -> new SignupView(rs.getLong("id"),
            rs.getLong("activity_id"), rs.getString("title"), rs.getTimestamp("starts_at").toInstant(),
            rs.getLong("person_id"), rs.getString("person_name"), rs.getString("role"), rs.getString("state"),
            rs.getTimestamp("checked_in_at") == null ? null : rs.getTimestamp("checked_in_at").toInstant(),
            rs.getBigDecimal("hours_confirmed"));
}
