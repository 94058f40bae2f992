package org.gridgov.participation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridgov.shared.event.IncidentRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the incidents the module asks for, as the incident module would receive them. */
@Component
public class PublishedIncidentRequests {

    private final List<IncidentRequested> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(IncidentRequested event) {
        events.add(event);
    }

    public List<IncidentRequested> events() {
        return events;
    }
}
