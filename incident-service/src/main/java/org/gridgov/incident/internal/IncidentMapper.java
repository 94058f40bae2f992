package org.gridgov.incident.internal;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.incident.ExternalRef;
import org.gridgov.incident.IncidentContact;
import org.gridgov.incident.IncidentView;
import org.gridgov.incident.Move;
import org.gridgov.incident.ReportResult;
import org.gridgov.incident.SummonsView;
import org.gridgov.incident.TimelineView;
import org.gridgov.shared.mapping.MappingConfig;

/**
 * Incident entities as the module's views. What a view adds to its entity — names and grids read from elsewhere, and
 * what depends on the viewer — is worked out by the caller and handed over as {@link Derived}.
 */
@Mapper(config = MappingConfig.class)
public interface IncidentMapper {

    /**
     * The parts of an incident's view that are not the incident's own columns.
     *
     * @param reporter the reporter's username, or null when it is withheld from this viewer (an anonymous report)
     * @param allowedMoves the moves this viewer may make now
     * @param summons the departments summoned to it, in order
     * @param externalRef the sending system's ticket, or null
     * @param contact the caller's contact as this viewer may see it (masked), or null
     */
    record Derived(String categoryName, GridNodeRef grid, GridNodeRef holder, String reporter, List<Move> allowedMoves,
            List<Summons> summons, ExternalRef externalRef, IncidentContact contact) {
    }

    @Mapping(target = "category", source = "incident.categoryCode")
    @Mapping(target = "expectedResolutionAt", source = "incident.resolveDueAt")
    IncidentView toView(Incident incident, Derived derived);

    SummonsView toSummonsView(Summons summons);

    @Mapping(target = "from", source = "fromState")
    @Mapping(target = "to", source = "toState")
    TimelineView toTimelineView(TimelineEntry entry);

    List<TimelineView> toTimelineViews(List<TimelineEntry> entries);

    /** Another report that may be the same problem, this far away. */
    @Mapping(target = "distanceMetres", source = "distanceMetres")
    ReportResult.PossibleDuplicate toPossibleDuplicate(Incident incident, double distanceMetres);
}
