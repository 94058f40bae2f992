package org.gridgov.participation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deliberation (议事): a topic raised by a resident or staff in a community (or a grid below it); the community's
 * people comment and support it, once each (the support's primary key decides); when the supports reach the topic's
 * threshold it goes on the community's meeting agenda — exactly once, however many supports race (the topic row is
 * locked while a support is counted, and the agenda's unique topic_id backs it) — with an entry in its timeline; the
 * managers record the decision and its follow-up, which may ask for an incident through the shared kernel's
 * {@link IncidentRequested} event (never the incident module's tables) or become a proposed micro-governance project
 * ({@link ProjectService}).
 * <p>
 * Who takes part: residents whose account is bound inside the topic's community, and staff whose scope covers the
 * topic's grid. Residents are shown as "居民", never by name.
 */
@Service
@Transactional(readOnly = true)
public class TopicService {

    private static final Set<String> FOLLOW_UPS = Set.of("NONE", "INCIDENT", "MICRO_PROJECT");
    static final String RESIDENT_NAME = "居民";

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;
    private final int defaultThreshold;
    private final ProjectService projects;

    TopicService(JdbcTemplate jdbc, ParticipationContext context, ApplicationEventPublisher events, AuditLog audit,
            Optional<Clock> clock, @Value("${gridgov.participation.topic-support-threshold:20}") int defaultThreshold,
            ProjectService projects) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.context = context;
        this.events = events;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
        this.defaultThreshold = defaultThreshold;
    }

    @Transactional
    public TopicView raise(RaiseTopicCommand command) {
        Caller person = context.person();
        boolean staff = person.hasRoleIn(Role.GRID_STAFF);
        if (command.title() == null || command.title().isBlank() || command.title().length() > 200) {
            throw DomainException.invalidField("field.required", "title", "Give a title (at most 200 characters)");
        }
        if (command.body() == null || command.body().isBlank() || command.body().length() > 4000) {
            throw DomainException.invalidField("field.required", "body", "Say what it is about (at most 4000 "
                    + "characters)");
        }
        int threshold = defaultThreshold;
        if (command.supportThreshold() != null) {
            if (!staff) {
                throw DomainException.invalidField("participation.topic.threshold-staff-only", "supportThreshold",
                        "The community sets the threshold of residents' topics");
            }
            if (command.supportThreshold() < 1 || command.supportThreshold() > 100_000) {
                throw DomainException.invalidField("participation.topic.threshold", "supportThreshold",
                        "1 to 100000 supports");
            }
            threshold = command.supportThreshold();
        }
        if (command.gridId() == null) {
            throw DomainException.invalidField("field.required", "gridId", "Name the community or a grid in it");
        }
        GridNodeRef community = communityOf(command.gridId());
        String path = context.grids().byId(command.gridId()).isPresent() ? context.pathOf(command.gridId()) : null;
        boolean allowed = community != null && (staff ? context.scope().covers(path)
                : PathRange.under(context.pathOf(community.id())).contains(boundPath(person)));
        if (!allowed) {
            throw new DomainException(DomainException.Kind.INVALID, "participation.grid-unknown",
                    "No community or grid in it with this id where you take part",
                    List.of(new FieldViolation("gridId", "participation.grid-unknown", "No such grid")));
        }
        String name = staff ? person.username() : RESIDENT_NAME;
        Long id = jdbc.queryForObject("""
                insert into participation_topic (grid_id, grid_path, community_id, title, body, raised_by_id, raised_by,
                    raised_by_staff, support_threshold, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, command.gridId(), path,
                community.id(), command.title().trim(), command.body().trim(), person.accountId(), name, staff,
                threshold, Timestamp.from(clock.instant()));
        event(id, "RAISED", command.title().trim(), name);
        audit.record("TOPIC_RAISED", "participation_topic", String.valueOf(id), null, command.title());
        return get(id);
    }

    /** Staff: the topics of their scope. Residents: the topics of their community. Newest first. */
    public PageResult<TopicView> list(String state, int page, int size) {
        SqlPredicate where = visible();
        if (state != null && !state.isBlank()) {
            if (!Set.of("OPEN", "ON_AGENDA", "DECIDED").contains(state)) {
                throw DomainException.invalidField("participation.topic.state", "state", "OPEN, ON_AGENDA or DECIDED");
            }
            where = where.and(SqlPredicate.of("t.state = ?", state));
        }
        List<TopicView> items = jdbc.query("select t.*, " + supportedByMe() + " from participation_topic t where "
                + where.sql() + " order by t.created_at desc, t.id desc limit ? offset ?", row(false),
                args(where.argsBefore(size, (long) page * size)));
        Long total = jdbc.queryForObject("select count(*) from participation_topic t where " + where.sql(), Long.class,
                where.array());
        return ParticipationContext.page(items, page, size, total);
    }

    /** One topic with its comments and timeline, for those who take part in its community. */
    public TopicView get(long id) {
        SqlPredicate where = visible();
        List<TopicView> found = jdbc.query("select t.*, " + supportedByMe() + " from participation_topic t where t.id = ? "
                + "and " + where.sql(), row(true), args(where.argsAfter(id)));
        if (found.isEmpty()) {
            throw notFound();
        }
        return found.get(0);
    }

    @Transactional
    public TopicView comment(long id, String body) {
        Caller person = context.person();
        if (body == null || body.isBlank() || body.length() > 2000) {
            throw DomainException.invalidField("field.required", "body", "Write the comment (at most 2000 characters)");
        }
        get(id);
        jdbc.update("insert into participation_topic_comment (topic_id, author_id, author, body, created_at) values "
                + "(?, ?, ?, ?, ?)", id, person.accountId(), displayName(person), body.trim(),
                Timestamp.from(clock.instant()));
        return get(id);
    }

    /**
     * The caller supports the topic, once (409 {@code participation.topic.supported} for a second). The topic row is
     * locked while the support is counted; the support that reaches the threshold puts the topic on the community's
     * agenda, exactly once.
     */
    @Transactional
    public TopicView support(long id) {
        Caller person = context.person();
        get(id);
        String state = jdbc.queryForObject("select state from participation_topic where id = ? for update",
                String.class, id);
        if (state.equals("DECIDED")) {
            throw DomainException.ruleViolation("participation.topic.decided", "id", "The topic has been decided");
        }
        if (jdbc.update("insert into participation_topic_support (topic_id, person_id, created_at) values (?, ?, ?) "
                + "on conflict do nothing", id, person.accountId(), Timestamp.from(clock.instant())) == 0) {
            throw DomainException.conflict("participation.topic.supported", "You support this topic already");
        }
        jdbc.update("update participation_topic set supports = supports + 1, version = version + 1 where id = ?", id);
        List<Long> reached = jdbc.queryForList("""
                update participation_topic set state = 'ON_AGENDA'
                 where id = ? and state = 'OPEN' and supports >= support_threshold
                returning community_id""", Long.class, id);
        if (!reached.isEmpty()) {
            jdbc.update("insert into participation_agenda_item (community_id, topic_id, added_at) values (?, ?, ?)",
                    reached.get(0), id, Timestamp.from(clock.instant()));
            int supports = jdbc.queryForObject("select supports from participation_topic where id = ?", Integer.class,
                    id);
            event(id, "ON_AGENDA", supports + " supports reached the threshold", "system");
        }
        return get(id);
    }

    /** The agenda of a community in the caller's scope, oldest first (the order of the meeting). */
    public List<AgendaItemView> agenda(Long communityId) {
        context.staff();
        GridNodeRef community = context.visibleGrid(communityId, "communityId");
        return jdbc.query("""
                select a.id, a.community_id, a.topic_id, t.title, t.supports, t.state, a.added_at
                  from participation_agenda_item a join participation_topic t on t.id = a.topic_id
                 where a.community_id = ? order by a.added_at, a.id""", (rs, n) -> new AgendaItemView(rs.getLong(1),
                rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getTimestamp(7).toInstant()), community.id());
    }

    /** Records the meeting's decision on a topic on the agenda (managers of its grid). */
    @Transactional
    public TopicView decide(long id, String decision) {
        Caller manager = context.manager();
        if (decision == null || decision.isBlank() || decision.length() > 4000) {
            throw DomainException.invalidField("field.required", "decision", "Record the decision (at most 4000 "
                    + "characters)");
        }
        get(id);
        if (jdbc.update("update participation_topic set state = 'DECIDED', decision = ?, decided_by = ?, "
                + "decided_at = ?, version = version + 1 where id = ? and state = 'ON_AGENDA'", decision.trim(),
                manager.username(), Timestamp.from(clock.instant()), id) == 0) {
            throw DomainException.ruleViolation("participation.topic.not-on-agenda", "decision",
                    "Only a topic on the agenda is decided");
        }
        event(id, "DECIDED", decision.trim(), manager.username());
        audit.record("TOPIC_DECIDED", "participation_topic", String.valueOf(id), null, decision);
        return get(id);
    }

    /**
     * The follow-up of a decided topic, once: {@code INCIDENT} asks the incident module for an incident in the
     * topic's grid, on behalf of the manager ({@link IncidentRequested}, origin {@code DELIBERATION}, keyed by a
     * request key kept on the topic); {@code MICRO_PROJECT} proposes a micro-governance project in the topic's grid
     * (title and decision of the topic, no budget until its approval), linked to the topic.
     */
    @Transactional
    public TopicView followUp(long id, TopicFollowUpCommand command) {
        Caller manager = context.manager();
        if (command.kind() == null || !FOLLOW_UPS.contains(command.kind())) {
            throw DomainException.invalidField("participation.topic.follow-up", "kind",
                    "NONE, INCIDENT or MICRO_PROJECT");
        }
        if (command.note() != null && command.note().length() > 2000) {
            throw DomainException.invalidField("field.too-long", "note", "At most 2000 characters");
        }
        if (command.categoryCode() != null && command.categoryCode().length() > 50) {
            throw DomainException.invalidField("field.too-long", "categoryCode", "At most 50 characters");
        }
        TopicView topic = get(id);
        if (!topic.state().equals("DECIDED")) {
            throw DomainException.ruleViolation("participation.topic.not-decided", "kind",
                    "A follow-up comes after the decision");
        }
        UUID key = command.kind().equals("INCIDENT") ? UUID.randomUUID() : null;
        if (jdbc.update("update participation_topic set follow_up = ?, follow_up_note = ?, follow_up_key = ?, "
                + "version = version + 1 where id = ? and follow_up is null", command.kind(), blank(command.note()),
                key, id) == 0) {
            throw DomainException.conflict("participation.topic.followed-up", "The follow-up is recorded already");
        }
        Instant now = clock.instant();
        if (key != null) {
            String description = "议事 #" + id + " " + topic.title() + "：" + topic.decision()
                    + (blank(command.note()) == null ? "" : "（" + command.note().trim() + "）");
            events.publishEvent(new IncidentRequested(key, "DELIBERATION", command.categoryCode() == null ? "OTHER"
                    : command.categoryCode(), description, topic.gridId(), null, null, manager.accountId(),
                    manager.username(), manager.role(), manager.scopeNodeId(), now));
        }
        String detail = command.kind();
        if (command.kind().equals("MICRO_PROJECT")) {
            detail += " #" + projects.fromTopic(topic, blank(command.note()), manager.username());
        }
        event(id, "FOLLOWED_UP", detail + (blank(command.note()) == null ? "" : ": " + command.note().trim()),
                manager.username());
        return get(id);
    }

    /** The community a grid belongs to (the grid itself, or the community above it); null above a community. */
    private GridNodeRef communityOf(long gridId) {
        if (context.grids().byId(gridId).isEmpty()) {
            return null;
        }
        return context.grids().chain(gridId).stream().filter(g -> g.type() == GridType.COMMUNITY).findFirst()
            .orElse(null);
    }

    /**
     * What the caller sees: staff the topics of their scope; residents (and other unscoped people) the topics of the
     * community their account is bound in.
     */
    private SqlPredicate visible() {
        DataScope scope = context.scope();
        if (scope.kind() != DataScope.Kind.NONE) {
            return scope.sql("t.grid_path");
        }
        Caller caller = context.caller();
        GridNodeRef community = caller.scopeNodeId() == null ? null : communityOf(caller.scopeNodeId());
        return community == null ? SqlPredicate.FALSE : SqlPredicate.of("t.community_id = ?", community.id());
    }

    private String boundPath(Caller caller) {
        if (caller.scopeNodeId() == null || context.grids().byId(caller.scopeNodeId()).isEmpty()) {
            return null;
        }
        return context.pathOf(caller.scopeNodeId());
    }

    private String supportedByMe() {
        return "exists (select 1 from participation_topic_support s where s.topic_id = t.id and s.person_id = ?) "
                + "as supported_by_me";
    }

    /** The query's arguments after the caller's account for {@link #supportedByMe()}. */
    private Object[] args(Object[] rest) {
        Long me = context.caller().accountId();
        Object[] all = new Object[rest.length + 1];
        all[0] = me == null ? -1L : me;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String displayName(Caller person) {
        return person.hasRoleIn(Role.GRID_STAFF) ? person.username() : RESIDENT_NAME;
    }

    private void event(long topicId, String kind, String detail, String actor) {
        jdbc.update("insert into participation_topic_event (topic_id, kind, detail, actor, at) values (?, ?, ?, ?, ?)",
                topicId, kind, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000), actor,
                Timestamp.from(clock.instant()));
    }

    private RowMapper<TopicView> row(boolean detail) {
        return (rs, n) -> {
            long id = rs.getLong("id");
            List<TopicView.Comment> comments = detail ? jdbc.query("select id, author, body, created_at from "
                    + "participation_topic_comment where topic_id = ? order by id", (c, i) -> new TopicView.Comment(
                            c.getLong(1), c.getString(2), c.getString(3), c.getTimestamp(4).toInstant()), id)
                    : List.of();
            List<TopicView.TimelineEntry> timeline = detail ? jdbc.query("select kind, detail, actor, at from "
                    + "participation_topic_event where topic_id = ? order by id", (e, i) -> new TopicView.TimelineEntry(
                            e.getString(1), e.getString(2), e.getString(3), e.getTimestamp(4).toInstant()), id)
                    : List.of();
            Timestamp decidedAt = rs.getTimestamp("decided_at");
            return new TopicView(id, rs.getLong("grid_id"), rs.getLong("community_id"), rs.getString("title"),
                    rs.getString("body"), rs.getString("raised_by"), rs.getBoolean("raised_by_staff"),
                    rs.getInt("support_threshold"), rs.getInt("supports"), rs.getString("state"),
                    rs.getBoolean("supported_by_me"), rs.getString("decision"), rs.getString("decided_by"),
                    decidedAt == null ? null : decidedAt.toInstant(), rs.getString("follow_up"),
                    rs.getString("follow_up_note"), rs.getTimestamp("created_at").toInstant(), comments, timeline);
        };
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound() {
        return DomainException.notFound("participation.topic.not-found", "No such topic");
    }
}
