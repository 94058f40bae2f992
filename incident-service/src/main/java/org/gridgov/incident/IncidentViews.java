package org.gridgov.incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.grid.GridDirectory;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentMapper;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.incident.internal.Summons;
import org.gridgov.incident.internal.SummonsRepository;
import org.gridgov.incident.internal.TimelineEntry;
import org.gridgov.shared.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Incidents as their viewer may see them: with category names, the grids, the summons, the reporter unless the
 * report is anonymous, and the moves the viewer may make now. This class works out those parts;
 * {@link IncidentMapper} copies the rest.
 */
@Component
class IncidentViews {

    private final IncidentRepository incidents;
    private final SummonsRepository summons;
    private final GridDirectory grids;
    private final IncidentAccess access;
    private final IncidentMapper mapper;
    private final JdbcTemplate jdbc;
    private final IncidentContacts contacts;

    IncidentViews(IncidentRepository incidents, SummonsRepository summons, GridDirectory grids, IncidentAccess access,
            IncidentMapper mapper, JdbcTemplate jdbc, IncidentContacts contacts) {
        this.contacts = contacts;
        this.incidents = incidents;
        this.summons = summons;
        this.grids = grids;
        this.access = access;
        this.mapper = mapper;
        this.jdbc = jdbc;
    }

    IncidentView view(Incident incident, Caller caller) {
        return view(incident, caller, categoryNames(), summons.findByIncidentIdOrderById(incident.getId()),
                contacts.masked(List.of(incident), caller));
    }

    /**
     * The view of an incident just reported, from what was written: its category's name given, no summons yet, and
     * the caller's contact read back (masked) only when the report carried one.
     */
    IncidentView created(Incident incident, Caller caller, String categoryName, boolean withContact) {
        return view(incident, caller, Map.of(incident.getCategoryCode(), categoryName), List.of(),
                withContact ? contacts.masked(List.of(incident), caller) : Map.of());
    }

    /** Views of these incidents in this order, reading categories and summons once for all of them. */
    List<IncidentView> views(List<Long> ids, Caller caller) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Incident> byId = new HashMap<>();
        incidents.findAllById(ids).forEach(i -> byId.put(i.getId(), i));
        Map<Long, List<Summons>> summonsById = new HashMap<>();
        summons.findByIncidentIdInOrderById(ids)
            .forEach(s -> summonsById.computeIfAbsent(s.getIncidentId(), k -> new ArrayList<>()).add(s));
        Map<String, String> names = categoryNames();
        Map<Long, IncidentContact> contactsById = contacts.masked(List.copyOf(byId.values()), caller);
        return ids.stream().map(byId::get)
            .map(i -> view(i, caller, names, summonsById.getOrDefault(i.getId(), List.of()), contactsById))
            .toList();
    }

    /** Another report that may be the same problem, this far away. */
    ReportResult.PossibleDuplicate possibleDuplicate(Incident other, double distanceMetres) {
        return mapper.toPossibleDuplicate(other, distanceMetres);
    }

    /**
     * Timeline entries as views, in their order, each actor by role and display name — the reporter of an anonymous
     * report as "匿名居民" to everyone but themselves and auditors; never a login.
     */
    List<TimelineView> timeline(List<TimelineEntry> entries, Incident incident, Caller viewer) {
        List<TimelineView> views = new ArrayList<>();
        boolean hideReporter = !IncidentPeople.seesReporter(incident, viewer);
        for (TimelineEntry entry : entries) {
            TimelineView v = mapper.toTimelineView(entry);
            boolean byReporter = entry.getActor().equals(incident.getReporterUsername())
                    || entry.getActorAccountId() != null
                            && entry.getActorAccountId().equals(incident.getReporterAccountId());
            String shown = byReporter && hideReporter ? IncidentPeople.ANONYMOUS : actorShown(entry);
            views.add(new TimelineView(v.at(), shown, v.actorRole(), v.action(), v.from(), v.to(), v.gridId(),
                    v.note()));
        }
        return views;
    }

    private static String actorShown(TimelineEntry entry) {
        if (entry.getActorDisplay() != null) {
            return entry.getActorDisplay();
        }
        if ("system".equals(entry.getActor())) {
            return "系统";
        }
        try {
            return IncidentPeople.label(org.gridgov.shared.security.Role.valueOf(entry.getActorRole()));
        }
        catch (RuntimeException ex) {
            return "—";
        }
    }

    /**
     * How the reporter is shown to this viewer: the reporter sees their own login and auditors see it; everyone
     * else sees "匿名居民" for an anonymous report, "居民" for a resident, or the reporting staff member's role.
     */
    static String reporterShown(Incident i, Caller viewer) {
        if (IncidentPeople.isReporter(i, viewer) || viewer.role() == org.gridgov.shared.security.Role.SYSTEM_ADMIN) {
            return i.getReporterUsername();
        }
        if (i.isAnonymous()) {
            return IncidentPeople.ANONYMOUS;
        }
        return i.getReporterRole() == null ? IncidentPeople.RESIDENT : IncidentPeople.label(i.getReporterRole());
    }

    /**
     * The moves the caller may make now: by role and state, and for staff only while the holding level is inside
     * their scope; rating and replying only for the reporter.
     */
    private List<Move> allowedMoves(Incident i, Caller caller) {
        return IncidentLifecycle.allowed(access.context(i, caller));
    }

    /** Category names by code: a handful of rows, read once per request rather than once per incident. */
    private Map<String, String> categoryNames() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select code, name from incident_category", rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    private IncidentView view(Incident i, Caller caller, Map<String, String> names, List<Summons> summonsOfIt,
            Map<Long, IncidentContact> contactsById) {
        return mapper.toView(i, new IncidentMapper.Derived(names.get(i.getCategoryCode()),
                grids.byId(i.getGridId()).orElse(null), grids.byId(i.getHolderGridId()).orElse(null),
                reporterShown(i, caller), allowedMoves(i, caller), summonsOfIt,
                i.getExternalSource() == null ? null : new ExternalRef(i.getExternalSource(), i.getExternalTicket()),
                contactsById.get(i.getId())));
    }
}
