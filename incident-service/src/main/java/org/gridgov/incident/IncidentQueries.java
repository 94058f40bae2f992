package org.gridgov.incident;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.gridgov.grid.GridDirectory;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.incident.internal.IncidentSql;
import org.gridgov.incident.internal.TimelineRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading incidents, each as its viewer may see it: one by id or tracking code, its timeline, lists and work queues,
 * Open311's search, the map. Residents see their own reports, departments what they were summoned to, staff what
 * lies in their data scope.
 */
@Service
@Transactional(readOnly = true)
public class IncidentQueries {

    /** An open incident on the map. */
    public record MapPoint(long id, String trackingCode, IncidentState state, double lat, double lng, boolean overdue) {
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final IncidentAccess access;
    private final IncidentViews views;
    private final JdbcTemplate jdbc;
    private final GridDirectory grids;

    IncidentQueries(IncidentRepository incidents, TimelineRepository timeline, IncidentAccess access,
            IncidentViews views, JdbcTemplate jdbc, GridDirectory grids) {
        this.grids = grids;
        this.incidents = incidents;
        this.timeline = timeline;
        this.access = access;
        this.views = views;
        this.jdbc = jdbc;
    }

    public IncidentView get(long id) {
        Caller caller = access.caller();
        return views.view(access.visible(id, caller), caller);
    }

    public IncidentView byTrackingCode(String code) {
        Caller caller = access.caller();
        Incident incident = incidents.findByTrackingCode(code).filter(i -> access.isVisible(i, caller))
            .orElseThrow(() -> DomainException.notFound("incident.not-found", "No incident " + code));
        return views.view(incident, caller);
    }

    public List<TimelineView> timeline(long id) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        return views.timeline(timeline.findByIncidentIdOrderByIdAsc(id), incident, caller);
    }

    /**
     * Incidents the caller may see, newest first, filtered. {@code queue=true}: the caller's work — open incidents
     * held inside their scope (for departments: those they were summoned to), due soonest first.
     */
    public PageResult<IncidentView> list(IncidentState state, String category, Boolean overdue, IncidentSource source,
            boolean queue, int page, int size) {
        return list(state, category, overdue, source, queue, Sent.ANY, page, size);
    }

    /**
     * What a sending system's reports are filtered by: its source, its ticket number (with the source), and whether
     * they wait for triage (their category code was not mapped). Nulls filter nothing.
     */
    public record Sent(String externalSource, String externalTicket, Boolean needsTriage) {

        public static final Sent ANY = new Sent(null, null, null);
    }

    /**
     * {@link #list(IncidentState, String, Boolean, IncidentSource, boolean, int, int)} in any of {@code states} (all
     * states when empty): e.g. {@link IncidentState#AWAITING_ACCEPTANCE}, what a home page counts as 待受理.
     */
    public PageResult<IncidentView> list(Set<IncidentState> states, Boolean overdue, boolean queue, int page,
            int size) {
        return list(states, null, overdue, null, queue, Sent.ANY, SqlPredicate.TRUE, page, size);
    }

    /**
     * {@link #list(IncidentState, String, Boolean, IncidentSource, boolean, int, int)} narrowed to the incidents
     * located in the subtree of one grid (a community, say) — still only those the caller may see.
     */
    public PageResult<IncidentView> listWithin(long gridId, IncidentState state, String category, Boolean overdue,
            IncidentSource source, boolean queue, int page, int size) {
        return list(state == null ? Set.of() : Set.of(state), category, overdue, source, queue, Sent.ANY,
                PathRange.under(grids.pathOf(gridId)).sql("i.grid_path"), page, size);
    }

    private PageResult<IncidentView> list(IncidentState state, String category, Boolean overdue, IncidentSource source,
            boolean queue, Sent sent, int page, int size) {
        return list(state == null ? Set.of() : Set.of(state), category, overdue, source, queue, sent,
                SqlPredicate.TRUE, page, size);
    }

    private PageResult<IncidentView> list(Set<IncidentState> states, String category, Boolean overdue,
            IncidentSource source, boolean queue, Sent sent, SqlPredicate within, int page, int size) {
        Caller caller = access.caller();
        SqlPredicate visible = access.visibleTo(caller, queue ? "i.holder_path" : "i.grid_path").and(within);
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where (").append(visible.sql()).append(')');
        filter(where, args, states, category, overdue, source, queue, sent);
        Long total = jdbc.queryForObject("select count(*) from incident i" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        String order = queue ? " order by least(i.accept_due_at, i.resolve_due_at), i.id" : " order by i.id desc";
        List<Long> ids = jdbc.queryForList("select i.id from incident i" + where + order + " limit ? offset ?",
                Long.class, pageArgs.toArray());
        List<IncidentView> items = views.views(ids, caller);
        long count = total == null ? 0 : total;
        return PageResult.of(items, page, size, count);
    }

    /**
     * The incident list as {@link #list} answers it, or — when {@code updatedSince} or {@code cursor} is given — as a
     * change feed: the incidents the caller may see that changed at or after {@code updatedSince} and after the
     * cursor's position, oldest change first by {@code (updated_at, id)}, with the cursor that continues after the
     * last one. Ordering by the id too makes the cursor exact when many incidents share an {@code updated_at}: a
     * client following the cursors sees every change once, none twice. {@code queue=true} filters as in the list.
     *
     * @throws DomainException (400) when the cursor is not one this feed issued
     */
    public IncidentPage list(IncidentState state, String category, Boolean overdue, IncidentSource source,
            boolean queue, Instant updatedSince, String cursor, int page, int size) {
        return list(state, category, overdue, source, queue, Sent.ANY, updatedSince, cursor, page, size);
    }

    /**
     * {@link #list(IncidentState, String, Boolean, IncidentSource, boolean, Instant, String, int, int)} filtered by
     * what a sending system sent ({@link Sent}).
     *
     * @throws DomainException (400) when the ticket is given without its source, or the source is misspelt
     */
    public IncidentPage list(IncidentState state, String category, Boolean overdue, IncidentSource source,
            boolean queue, Sent sent, Instant updatedSince, String cursor, int page, int size) {
        if (sent.externalSource() != null) {
            IncidentCategoryMappings.requireSource(sent.externalSource(), "externalSource");
        }
        if (sent.externalTicket() != null && sent.externalSource() == null) {
            throw DomainException.invalidField("incident.external-ticket.without-source", "externalTicket",
                    "A ticket number is unique per source: give externalSource too");
        }
        if (updatedSince == null && cursor == null) {
            return IncidentPage.of(list(state, category, overdue, source, queue, sent, page, size));
        }
        if (updatedSince != null && (updatedSince.isBefore(EARLIEST) || updatedSince.isAfter(LATEST))) {
            throw DomainException.invalidField("incident.updated-since.out-of-range", "updatedSince",
                    "An instant between years 1 and 9999, e.g. 2026-12-05T08:00:00Z");
        }
        FeedCursor after = cursor == null ? null : FeedCursor.decode(cursor);
        Caller caller = access.caller();
        SqlPredicate visible = access.visibleTo(caller, queue ? "i.holder_path" : "i.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where (").append(visible.sql()).append(')');
        filter(where, args, state == null ? Set.of() : Set.of(state), category, overdue, source, queue, sent);
        if (updatedSince != null) {
            where.append(" and i.updated_at >= ?");
            args.add(Timestamp.from(updatedSince));
        }
        if (after != null) {
            where.append(" and (i.updated_at, i.id) > (?, ?)");
            args.add(Timestamp.from(after.updatedAt()));
            args.add(after.id());
        }
        Long total = jdbc.queryForObject("select count(*) from incident i" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        List<FeedCursor> positions = jdbc.query(
                "select i.updated_at, i.id from incident i" + where + " order by i.updated_at, i.id limit ?",
                (rs, row) -> new FeedCursor(rs.getTimestamp(1).toInstant(), rs.getLong(2)), pageArgs.toArray());
        List<IncidentView> items = views.views(positions.stream().map(FeedCursor::id).toList(), caller);
        String next = positions.isEmpty() ? (after != null ? after.encode()
                : new FeedCursor(updatedSince, 0).encode()) : positions.get(positions.size() - 1).encode();
        long count = total == null ? 0 : total;
        return new IncidentPage(items, 0, size, count, (int) ((count + size - 1) / size), next);
    }

    private static void filter(StringBuilder where, List<Object> args, Set<IncidentState> states, String category,
            Boolean overdue, IncidentSource source, boolean queue, Sent sent) {
        if (sent.externalSource() != null) {
            where.append(" and i.external_source = ?");
            args.add(sent.externalSource());
        }
        if (sent.externalTicket() != null) {
            where.append(" and i.external_ticket = ?");
            args.add(sent.externalTicket().strip());
        }
        if (sent.needsTriage() != null) {
            where.append(" and i.needs_triage = ?");
            args.add(sent.needsTriage());
        }
        if (queue) {
            where.append(" and ").append(IncidentSql.open("i"));
        }
        if (!states.isEmpty()) {
            where.append(" and i.state in (").append(String.join(", ", java.util.Collections.nCopies(states.size(), "?")))
                .append(')');
            states.stream().map(IncidentState::name).sorted().forEach(args::add);
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
    }

    /**
     * A position in the change feed: the last incident seen, by {@code (updated_at, id)}. Opaque to clients (base64url
     * of {@code v1:<epoch microseconds>:<id>}), so its form may change behind the version prefix.
     */
    record FeedCursor(Instant updatedAt, long id) {

        String encode() {
            long micros = Math.addExact(Math.multiplyExact(updatedAt.getEpochSecond(), 1_000_000L),
                    updatedAt.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static FeedCursor decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.US_ASCII)
                    .split(":");
                if (parts.length == 3 && parts[0].equals("v1")) {
                    long micros = Long.parseLong(parts[1]);
                    return new FeedCursor(Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L), Long.parseLong(parts[2]));
                }
            }
            catch (IllegalArgumentException | ArithmeticException ex) {
                // falls through to the refusal below
            }
            throw DomainException.invalidField("incident.cursor.invalid", "cursor",
                    "Pass back a nextCursor exactly as a previous answer gave it");
        }
    }

    /**
     * Incidents the caller may see (as in {@link #list}) matching all the given criteria, newest first, at most
     * {@code limit}: the query behind Open311's {@code GET requests}.
     */
    public List<IncidentView> search(IncidentSearch search) {
        Caller caller = access.caller();
        SqlPredicate visible = access.visibleTo(caller, "i.grid_path");
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
            args.add(Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" and i.created_at <= ?");
            args.add(Timestamp.from(search.to()));
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
        return views.views(ids, caller);
    }

    /**
     * Open incidents with a location that the caller may see (as in {@link #list}), newest first, at most
     * {@code limit}: the console's map.
     */
    public List<MapPoint> openOnMap(int limit) {
        return openOnMap(limit, null, null, false);
    }

    /**
     * {@link #openOnMap(int)} filtered: in one (open) state, of one category, only the overdue ones — nulls and
     * {@code false} filter nothing.
     */
    public List<MapPoint> openOnMap(int limit, IncidentState state, String category, boolean overdueOnly) {
        SqlPredicate visible = access.visibleTo(access.caller(), "i.grid_path");
        List<Object> args = new ArrayList<>(visible.args());
        StringBuilder where = new StringBuilder(" where (").append(visible.sql()).append(") and i.lat is not null and ")
            .append(IncidentSql.open("i"));
        filter(where, args, state == null ? Set.of() : Set.of(state), category, overdueOnly ? Boolean.TRUE : null, null, false, Sent.ANY);
        args.add(limit);
        return jdbc.query("select i.id, i.tracking_code, i.state, i.lat, i.lng, " + IncidentSql.overdue("i")
                + " as overdue from incident i" + where + " order by i.id desc limit ?",
                (rs, row) -> new MapPoint(rs.getLong(1), rs.getString(2), IncidentState.valueOf(rs.getString(3)),
                        rs.getDouble(4), rs.getDouble(5), rs.getBoolean(6)), args.toArray());
    }
}
