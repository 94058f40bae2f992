package org.gridgov.participation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridgov.shared.event.VolunteerServiceConfirmed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the volunteering the module publishes, as the points module would receive it. */
@Component
public class PublishedVolunteering {

    private final List<VolunteerServiceConfirmed> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(VolunteerServiceConfirmed event) {
        events.add(event);
    }

    public List<VolunteerServiceConfirmed> events() {
        return events;
    }
}
