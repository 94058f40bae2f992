package org.gridgov.participation;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.blob.BlobStore;
import org.gridgov.shared.blob.Images;
import org.gridgov.shared.partner.CommunityPartners;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Micro-governance projects (微治理项目) with the 益·社 community partners: a community's managers propose one (or a
 * deliberation topic followed up as {@code MICRO_PROJECT} does), the managers of the community or street approve or
 * reject it, it is started, its milestones are recorded, it is completed, and the community's residents rate it once
 * each (the rating's primary key decides a race). The state machine is
 * {@code PROPOSED → APPROVED | REJECTED}, {@code APPROVED → IN_PROGRESS → COMPLETED}; every move is one conditional
 * update, and a move the state does not allow is refused with 409 {@code participation.project.state} naming the
 * state the project is in.
 * <p>
 * Staff see the projects of their scope; residents those of the community their account is bound in; anyone the
 * approved (and later) projects of a street, without personal data.
 */
@Service
@Transactional(readOnly = true)
public class ProjectService {

    static final Set<String> SOURCES = Set.of("COMMUNITY_FUND", "STREET", "SOCIAL", "RESIDENTS");
    static final Set<String> STATES = Set.of("PROPOSED", "APPROVED", "REJECTED", "IN_PROGRESS", "COMPLETED");
    private static final BigDecimal MAX_YUAN = new BigDecimal("1000000000");

    private final JdbcTemplate jdbc;
    private final ParticipationContext context;
    private final CommunityPartners partners;
    private final AuditLog audit;
    private final Clock clock;
    private final BlobStore blobs;
    private final long maxPhotoBytes;

    ProjectService(JdbcTemplate jdbc, ParticipationContext context, CommunityPartners partners, AuditLog audit,
            Optional<Clock> clock, BlobStore blobs,
            @Value("${gridgov.participation.max-photo-size:10MB}") DataSize maxPhotoSize) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.maxPhotoBytes = maxPhotoSize.toBytes();
        this.context = context;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Managers whose scope covers the grid propose a project in a community or a grid in it. */
    @Transactional
    public ProjectView propose(ProposeProjectCommand command) {
        Caller manager = context.manager();
        String title = required(command.title(), "title", 200, "Give a title (at most 200 characters)");
        String description = required(command.description(), "description", 4000,
                "Say what the project does (at most 4000 characters)");
        Long fen = fen(command.budgetYuan(), true);
        String source = source(command.budgetSource(), true);
        List<ProjectView.Partner> named = partners(command.partnerIds());
        GridNodeRef grid = context.visibleGrid(command.gridId(), "gridId");
        GridNodeRef community = above(grid.id(), GridType.COMMUNITY);
        if (community == null) {
            throw DomainException.invalidField("participation.project.not-in-community", "gridId",
                    "A project belongs to a community or a grid in it");
        }
        long id = insert(grid.id(), community, title, description, fen, source, null, manager.username());
        for (ProjectView.Partner partner : named) {
            jdbc.update("insert into participation_project_partner (project_id, partner_id, partner_name) values "
                    + "(?, ?, ?)", id, partner.id(), partner.name());
        }
        audit.record("PROJECT_PROPOSED", "participation_project", String.valueOf(id), null, title);
        return get(id);
    }

    /** A deliberation topic followed up as MICRO_PROJECT becomes a proposed project, without budget yet. */
    @Transactional
    long fromTopic(TopicView topic, String note, String manager) {
        GridNodeRef community = above(topic.gridId(), GridType.COMMUNITY);
        String description = topic.decision() + (note == null ? "" : "（" + note + "）");
        long id = insert(topic.gridId(), community, topic.title(), description.length() > 4000
                ? description.substring(0, 4000) : description, null, null, topic.id(), manager);
        audit.record("PROJECT_PROPOSED", "participation_project", String.valueOf(id), null, "topic " + topic.id());
        return id;
    }

    private long insert(long gridId, GridNodeRef community, String title, String description, Long fen,
            String source, Long topicId, String proposedBy) {
        return jdbc.queryForObject("""
                insert into participation_project (grid_id, grid_path, community_id, title, description,
                    budget_fen, budget_source, topic_id, proposed_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, gridId, context.pathOf(gridId),
                community.id(), title, description, fen, source, topicId, proposedBy,
                Timestamp.from(clock.instant()));
    }

    /** Staff: the projects of their scope; residents: those of their community. Newest first. */
    public PageResult<ProjectView> list(String state, int page, int size) {
        SqlPredicate where = visible();
        if (state != null && !state.isBlank()) {
            if (!STATES.contains(state)) {
                throw DomainException.invalidField("participation.project.state-unknown", "state",
                        "PROPOSED, APPROVED, REJECTED, IN_PROGRESS or COMPLETED");
            }
            where = where.and(SqlPredicate.of("p.state = ?", state));
        }
        List<ProjectView> items = jdbc.query(select() + " where " + where.sql()
                + " order by p.created_at desc, p.id desc limit ? offset ?", row(false),
                args(where.argsBefore(size, (long) page * size)));
        Long total = jdbc.queryForObject("select count(*) from participation_project p where " + where.sql(),
                Long.class, where.array());
        return ParticipationContext.page(items, page, size, total);
    }

    public ProjectView get(long id) {
        SqlPredicate where = visible();
        List<ProjectView> found = jdbc.query(select() + " where p.id = ? and " + where.sql(), row(true),
                args(where.argsAfter(id)));
        if (found.isEmpty()) {
            throw DomainException.notFound("participation.project.not-found", "No such project");
        }
        return found.get(0);
    }

    /**
     * Approves a proposed project (managers of its grid). A project from a topic has no budget yet: the approval
     * gives it ({@code budgetYuan} and {@code budgetSource} are then required).
     */
    @Transactional
    public ProjectView approve(long id, String note, BigDecimal budgetYuan, String budgetSource) {
        Caller manager = context.manager();
        String decisionNote = optional(note, "note", 2000);
        ProjectView project = get(id);
        Long fen = fen(budgetYuan, project.budgetFen() == null);
        String source = source(budgetSource, project.budgetFen() == null);
        if ((fen == null) != (source == null)) {
            throw DomainException.invalidField("field.required", fen == null ? "budgetYuan" : "budgetSource",
                    "Give the budget with its source");
        }
        move(id, "PROPOSED", "APPROVED", "decided_by = ?, decided_at = ?, decision_note = ?"
                + (fen == null ? "" : ", budget_fen = " + fen + ", budget_source = '" + source + "'"),
                manager.username(), Timestamp.from(clock.instant()), decisionNote);
        audit.record("PROJECT_APPROVED", "participation_project", String.valueOf(id), null, decisionNote);
        return get(id);
    }

    @Transactional
    public ProjectView reject(long id, String note) {
        Caller manager = context.manager();
        String reason = required(note, "note", 2000, "Say why (at most 2000 characters)");
        get(id);
        move(id, "PROPOSED", "REJECTED", "decided_by = ?, decided_at = ?, decision_note = ?", manager.username(),
                Timestamp.from(clock.instant()), reason);
        audit.record("PROJECT_REJECTED", "participation_project", String.valueOf(id), null, reason);
        return get(id);
    }

    @Transactional
    public ProjectView start(long id) {
        context.manager();
        get(id);
        move(id, "APPROVED", "IN_PROGRESS", "started_at = ?", Timestamp.from(clock.instant()));
        return get(id);
    }

    @Transactional
    public ProjectView complete(long id) {
        context.manager();
        get(id);
        move(id, "IN_PROGRESS", "COMPLETED", "completed_at = ?, progress = 100", Timestamp.from(clock.instant()));
        audit.record("PROJECT_COMPLETED", "participation_project", String.valueOf(id), null, null);
        return get(id);
    }

    /** Records a milestone of an approved or running project (staff of its grid); its progress becomes the project's. */
    @Transactional
    public ProjectView milestone(long id, MilestoneCommand command) {
        Caller staff = context.staff();
        String title = required(command.title(), "title", 200, "Say what was done (at most 200 characters)");
        String note = optional(command.note(), "note", 2000);
        if (command.reachedOn() == null) {
            throw DomainException.invalidField("field.required", "reachedOn", "Give the day (yyyy-MM-dd)");
        }
        if (command.reachedOn().isAfter(LocalDate.now(clock.withZone(ParticipationContext.CHINA)))) {
            throw DomainException.invalidField("participation.project.milestone-future", "reachedOn",
                    "A milestone is recorded when it is reached, not before");
        }
        if (command.progress() == null || command.progress() < 0 || command.progress() > 100) {
            throw DomainException.invalidField("participation.project.progress", "progress", "0 to 100 (percent)");
        }
        get(id);
        String state = jdbc.queryForObject("select state from participation_project where id = ? for update",
                String.class, id);
        if (!state.equals("APPROVED") && !state.equals("IN_PROGRESS")) {
            throw illegal(state, "Milestones are recorded for an approved or running project");
        }
        jdbc.update("insert into participation_project_milestone (project_id, title, note, reached_on, progress, "
                + "recorded_by) values (?, ?, ?, ?, ?, ?)", id, title, note, Date.valueOf(command.reachedOn()),
                command.progress(), staff.username());
        jdbc.update("update participation_project set progress = ?, version = version + 1 where id = ?",
                command.progress(), id);
        return get(id);
    }

    /**
     * A photo of a milestone (staff who see the project; not of a rejected one): JPEG, PNG or WebP judged by content
     * (415 otherwise; HEIC, whose metadata cannot be removed, is refused too), at most
     * {@code gridgov.participation.max-photo-size} (413); EXIF — the GPS position — is removed before storing.
     */
    @Transactional
    public ProjectView addPhoto(long id, long milestoneId, byte[] content) {
        Caller staff = context.staff();
        ProjectView project = get(id);
        if (project.milestones().stream().noneMatch(m -> m.id() == milestoneId)) {
            throw DomainException.notFound("participation.project.milestone-not-found", "No such milestone");
        }
        if (project.state().equals("REJECTED")) {
            throw illegal(project.state(), "A rejected project takes no photos");
        }
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("participation.project.photo-empty", "file", "The file is empty");
        }
        if (content.length > maxPhotoBytes) {
            throw new DomainException(DomainException.Kind.TOO_LARGE, "participation.project.photo-too-large",
                    "A photo may be at most " + maxPhotoBytes / (1024 * 1024) + " MB");
        }
        Images.Format format = Images.detect(content).filter(f -> f != Images.Format.HEIC)
            .orElseThrow(() -> new DomainException(DomainException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "participation.project.photo-not-an-image",
                    "Not a JPEG, PNG or WebP image (judged by its content, not its name)"));
        byte[] stored = Images.withoutMetadata(format, content);
        String key = blobs.put(stored);
        jdbc.update("insert into participation_project_photo (project_id, milestone_id, blob_key, media_type, "
                + "size_bytes, uploaded_by) values (?, ?, ?, ?, ?, ?)", id, milestoneId, key, format.mediaType(),
                stored.length, staff.username());
        return get(id);
    }

    /** The stored bytes of a photo and their media type. */
    public record Photo(String mediaType, byte[] content) {
    }

    /** A milestone photo, for whoever sees the project. */
    public Photo photo(long id, long photoId) {
        get(id);
        List<String[]> found = jdbc.query("select blob_key, media_type from participation_project_photo where "
                + "project_id = ? and id = ?", (rs, n) -> new String[] { rs.getString(1), rs.getString(2) }, id,
                photoId);
        byte[] bytes = found.isEmpty() ? null : blobs.get(found.get(0)[0]).orElse(null);
        if (bytes == null) {
            throw DomainException.notFound("participation.project.photo-not-found", "No photo " + photoId);
        }
        return new Photo(found.get(0)[1], bytes);
    }

    /**
     * A resident of the project's community (not its staff, who ran it) rates the completed project, 1 to 5, once (409
     * {@code participation.project.rated} for a second: the primary key decides).
     */
    @Transactional
    public ProjectView rate(long id, Integer stars) {
        Caller person = context.person();
        if (stars == null || stars < 1 || stars > 5) {
            throw DomainException.invalidField("participation.project.stars", "stars", "1 to 5 stars");
        }
        ProjectView project = get(id);
        String bound = person.scopeNodeId() == null || context.grids().byId(person.scopeNodeId()).isEmpty() ? null
                : context.pathOf(person.scopeNodeId());
        if (person.hasRoleIn(Role.GRID_STAFF) || !PathRange.under(context.pathOf(project.communityId()))
            .contains(bound)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "participation.project.not-a-resident",
                    "Only the community's residents rate its projects");
        }
        if (!project.state().equals("COMPLETED")) {
            throw illegal(project.state(), "Only a completed project is rated");
        }
        if (jdbc.update("insert into participation_project_rating (project_id, person_id, stars, created_at) values "
                + "(?, ?, ?, ?) on conflict do nothing", id, person.accountId(), stars,
                Timestamp.from(clock.instant())) == 0) {
            throw DomainException.conflict("participation.project.rated", "You rated this project already");
        }
        return get(id);
    }

    /**
     * The public list of a street: its approved, running and completed projects, newest first, with their
     * progress and ratings — no person's name.
     */
    public PageResult<PublicProjectView> publicList(Long streetId, int page, int size) {
        if (streetId == null) {
            throw DomainException.invalidField("field.required", "streetId", "Name the street");
        }
        GridNodeRef street = context.grids().byId(streetId).orElse(null);
        if (street == null || street.type() != GridType.STREET) {
            throw DomainException.invalidField("participation.project.street-unknown", "streetId",
                    "No street with this id");
        }
        SqlPredicate under = PathRange.under(context.pathOf(streetId)).sql("p.grid_path");
        String where = " where p.state in ('APPROVED', 'IN_PROGRESS', 'COMPLETED') and " + under.sql();
        List<PublicProjectView> items = jdbc.query("""
                select p.*, (select count(*) from participation_project_milestone m where m.project_id = p.id)
                       as milestone_count,
                       (select count(*) from participation_project_rating r where r.project_id = p.id) as rating_count,
                       (select avg(stars) from participation_project_rating r where r.project_id = p.id) as rating_avg
                  from participation_project p""" + where + " order by p.created_at desc, p.id desc limit ? offset ?",
                (rs, n) -> {
                    long id = rs.getLong("id");
                    long community = rs.getLong("community_id");
                    Timestamp completed = rs.getTimestamp("completed_at");
                    return new PublicProjectView(id, rs.getString("title"), rs.getString("description"), community,
                            context.grids().byId(community).map(GridNodeRef::name).orElse(null),
                            partnersOf(id).stream().map(ProjectView.Partner::name).toList(),
                            yuan(rs.getLong("budget_fen")), rs.getString("budget_source"), rs.getString("state"),
                            rs.getInt("progress"), rs.getInt("milestone_count"), rs.getInt("rating_count"),
                            average(rs.getBigDecimal("rating_avg")), rs.getTimestamp("decided_at").toInstant(),
                            completed == null ? null : completed.toInstant());
                }, under.argsBefore(size, (long) page * size));
        Long total = jdbc.queryForObject("select count(*) from participation_project p" + where, Long.class,
                under.array());
        return ParticipationContext.page(items, page, size, total);
    }

    /** One conditional update: the move happens only from {@code from}, else 409 naming the state it is in. */
    private void move(long id, String from, String to, String set, Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = to;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = id;
        all[args.length + 2] = from;
        if (jdbc.update("update participation_project set state = ?, " + set + ", version = version + 1 "
                + "where id = ? and state = ?", all) == 0) {
            String state = jdbc.queryForObject("select state from participation_project where id = ?", String.class,
                    id);
            throw illegal(state, "A " + state + " project cannot become " + to + " (only a " + from + " one can)");
        }
    }

    static DomainException illegal(String state, String message) {
        return new DomainException(DomainException.Kind.CONFLICT, "participation.project.state", message + " — the "
                + "project is " + state, List.of(new FieldViolation("state", "participation.project.state", state)),
                Map.of("state", state));
    }

    private List<ProjectView.Partner> partners(List<Long> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > 20) {
            throw DomainException.invalidField("participation.project.partners", "partnerIds", "At most 20 partners");
        }
        List<ProjectView.Partner> named = new ArrayList<>();
        for (Long partnerId : new LinkedHashSet<>(ids)) {
            String name = partnerId == null ? null : partners.activeName(partnerId).orElse(null);
            if (name == null) {
                throw DomainException.invalidField("participation.project.partner-unknown", "partnerIds",
                        "No active 益·社 partner with id " + partnerId);
            }
            named.add(new ProjectView.Partner(partnerId, name));
        }
        return named;
    }

    private static Long fen(BigDecimal yuan, boolean required) {
        if (yuan == null) {
            if (required) {
                throw DomainException.invalidField("field.required", "budgetYuan", "Give the budget in yuan");
            }
            return null;
        }
        if (yuan.signum() <= 0 || yuan.compareTo(MAX_YUAN) > 0 || yuan.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalidField("participation.project.budget", "budgetYuan",
                    "More than 0 and at most 1000000000 yuan, to the fen (two decimals)");
        }
        return yuan.movePointRight(2).longValueExact();
    }

    private static String source(String source, boolean required) {
        if (source == null || source.isBlank()) {
            if (required) {
                throw DomainException.invalidField("field.required", "budgetSource",
                        "COMMUNITY_FUND, STREET, SOCIAL or RESIDENTS");
            }
            return null;
        }
        if (!SOURCES.contains(source)) {
            throw DomainException.invalidField("participation.project.budget-source", "budgetSource",
                    "COMMUNITY_FUND, STREET, SOCIAL or RESIDENTS");
        }
        return source;
    }

    private static String required(String value, String field, int max, String message) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw DomainException.invalidField("field.required", field, message);
        }
        return value.trim();
    }

    private static String optional(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw DomainException.invalidField("field.too-long", field, "At most " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private GridNodeRef above(long gridId, GridType type) {
        return context.grids().chain(gridId).stream().filter(g -> g.type() == type).findFirst().orElse(null);
    }

    private SqlPredicate visible() {
        DataScope scope = context.scope();
        if (scope.kind() != DataScope.Kind.NONE) {
            return scope.sql("p.grid_path");
        }
        Caller caller = context.caller();
        GridNodeRef community = caller.scopeNodeId() == null || context.grids().byId(caller.scopeNodeId()).isEmpty()
                ? null : above(caller.scopeNodeId(), GridType.COMMUNITY);
        return community == null ? SqlPredicate.FALSE : SqlPredicate.of("p.community_id = ?", community.id());
    }

    private static String select() {
        return """
                select p.*,
                       (select count(*) from participation_project_rating r where r.project_id = p.id) as rating_count,
                       (select avg(stars) from participation_project_rating r where r.project_id = p.id) as rating_avg,
                       (select stars from participation_project_rating r where r.project_id = p.id
                         and r.person_id = ?) as my_rating
                  from participation_project p""";
    }

    private Object[] args(Object[] rest) {
        Long me = context.caller().accountId();
        Object[] all = new Object[rest.length + 1];
        all[0] = me == null ? -1L : me;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private List<ProjectView.Partner> partnersOf(long id) {
        return jdbc.query("select partner_id, partner_name from participation_project_partner where project_id = ? "
                + "order by partner_id", (rs, n) -> new ProjectView.Partner(rs.getLong(1), rs.getString(2)), id);
    }

    private RowMapper<ProjectView> row(boolean detail) {
        return (rs, n) -> {
            long id = rs.getLong("id");
            List<ProjectView.Milestone> milestones = detail ? jdbc.query("select id, title, note, reached_on, "
                    + "progress, recorded_by from participation_project_milestone where project_id = ? "
                    + "order by reached_on, id", (m, i) -> new ProjectView.Milestone(m.getLong(1), m.getString(2),
                            m.getString(3), m.getDate(4).toLocalDate(), m.getInt(5), m.getString(6),
                            jdbc.queryForList("select id from participation_project_photo where milestone_id = ? "
                                    + "order by id", Long.class, m.getLong(1))), id)
                    : List.of();
            Long fen = rs.getObject("budget_fen") == null ? null : rs.getLong("budget_fen");
            Long topic = rs.getObject("topic_id") == null ? null : rs.getLong("topic_id");
            Integer mine = rs.getObject("my_rating") == null ? null : rs.getInt("my_rating");
            long community = rs.getLong("community_id");
            GridNodeRef street = above(community, GridType.STREET);
            return new ProjectView(id, rs.getLong("grid_id"), community, street == null ? null : street.id(),
                    rs.getString("title"), rs.getString("description"), fen, fen == null ? null : yuan(fen),
                    rs.getString("budget_source"), rs.getString("state"), topic, partnersOf(id),
                    rs.getString("proposed_by"), rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")),
                    rs.getString("decision_note"), instant(rs.getTimestamp("started_at")),
                    instant(rs.getTimestamp("completed_at")), rs.getInt("progress"), rs.getInt("rating_count"),
                    average(rs.getBigDecimal("rating_avg")), mine, rs.getTimestamp("created_at").toInstant(),
                    milestones);
        };
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static Double average(BigDecimal avg) {
        return avg == null ? null : avg.setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
