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

    IncidentViews(IncidentRepository incidents, SummonsRepository summons, GridDirectory grids, IncidentAccess access,
            IncidentMapper mapper, JdbcTemplate jdbc) {
        this.incidents = incidents;
        this.summons = summons;
        this.grids = grids;
        this.access = access;
        this.mapper = mapper;
        this.jdbc = jdbc;
    }

    IncidentView view(Incident incident, Caller caller) {
        return view(incident, caller, categoryNames(), summons.findByIncidentIdOrderById(incident.getId()));
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
        return ids.stream().map(byId::get)
            .map(i -> view(i, caller, names, summonsById.getOrDefault(i.getId(), List.of())))
            .toList();
    }

    /** Another report that may be the same problem, this far away. */
    ReportResult.PossibleDuplicate possibleDuplicate(Incident other, double distanceMetres) {
        return mapper.toPossibleDuplicate(other, distanceMetres);
    }

    /** Timeline entries as views, in their order. */
    List<TimelineView> timeline(List<TimelineEntry> entries) {
        return mapper.toTimelineViews(entries);
    }

    /**
     * The moves the caller may make now: by role and state, and for staff only while the holding level is inside
     * their scope; rating and replying only for the reporter.
     */
    private List<Move> allowedMoves(Incident i, Caller caller) {
        boolean holds = access.holds(i, caller);
        boolean reporter = i.getReporterUsername().equals(caller.username());
        return IncidentLifecycle.allowed(i.getState(), caller.role()).stream()
            .filter(move -> move == Move.RATE || move == Move.REPORTER_REPLY ? reporter : holds)
            .toList();
    }

    /** Category names by code: a handful of rows, read once per request rather than once per incident. */
    private Map<String, String> categoryNames() {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select code, name from incident_category", rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        return names;
    }

    private IncidentView view(Incident i, Caller caller, Map<String, String> names, List<Summons> summonsOfIt) {
        boolean showReporter = !i.isAnonymous() || i.getReporterUsername().equals(caller.username());
        return mapper.toView(i, new IncidentMapper.Derived(names.get(i.getCategoryCode()),
                grids.byId(i.getGridId()).orElse(null), grids.byId(i.getHolderGridId()).orElse(null),
                showReporter ? i.getReporterUsername() : null, allowedMoves(i, caller), summonsOfIt));
    }
}
