package org.gridgov.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.grid.GridFiguresService;
import org.gridgov.incident.internal.IncidentFigureQuery;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incident figures for any node and period: received, accepted within 24 h, resolved on time, overdue now, average
 * times, satisfaction, reopen rate — one aggregate query over the subtree's incidents.
 */
@Service
@Transactional(readOnly = true)
public class IncidentFiguresService {

    private final IncidentFigureQuery query;
    private final GridFiguresService grids;
    private final Clock clock;

    IncidentFiguresService(IncidentFigureQuery query, GridFiguresService grids, Optional<Clock> clock) {
        this.query = query;
        this.grids = grids;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Figures of the node's subtree (404 outside the caller's scope); default period: the last 30 days. */
    public IncidentFigures figures(long nodeId, Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw DomainException.invalidField("incident.figures.period", "from", "from must be before to");
        }
        return query.compute(grids.subtree(nodeId), start, end);
    }
}
