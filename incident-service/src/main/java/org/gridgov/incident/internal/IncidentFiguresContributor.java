package org.gridgov.incident.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.GridFiguresContributor;
import org.gridgov.grid.GridSubtree;
import org.gridgov.incident.IncidentFigures;
import org.springframework.stereotype.Component;

/** Adds the last 30 days of incidents to grid core's figures of a node. */
@Component
class IncidentFiguresContributor implements GridFiguresContributor {

    private final IncidentFigureQuery query;
    private final Clock clock;

    IncidentFiguresContributor(IncidentFigureQuery query, Optional<Clock> clock) {
        this.query = query;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String key() {
        return "incidents";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        Instant now = clock.instant();
        IncidentFigures f = query.compute(subtree, now.minus(Duration.ofDays(30)), now);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("receivedLast30Days", f.received());
        summary.put("acceptedWithin24hRate", f.acceptedWithin24hRate());
        summary.put("resolvedOnTimeRate", f.resolvedOnTimeRate());
        summary.put("overdueNow", f.overdueNow());
        summary.put("averageRating", f.averageRating());
        return summary;
    }
}
