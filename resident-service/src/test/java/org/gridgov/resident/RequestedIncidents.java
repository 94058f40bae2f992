package org.gridgov.resident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridgov.shared.event.IncidentRequested;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The {@link IncidentRequested} events the resident module published, received as the incident module's listener
 * receives them: once the requesting transaction has committed (a rolled-back request asks for nothing).
 */
public class RequestedIncidents {

    private final List<IncidentRequested> received = new CopyOnWriteArrayList<>();

    @TransactionalEventListener
    void on(IncidentRequested request) {
        received.add(request);
    }

    /** The requests whose description contains {@code text}. */
    public List<IncidentRequested> like(String text) {
        return received.stream().filter(r -> r.description().contains(text)).toList();
    }
}
