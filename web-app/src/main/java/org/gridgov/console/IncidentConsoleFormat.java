package org.gridgov.console;

import java.time.Clock;

import org.gridgov.incident.IncidentState;
import org.gridgov.incident.IncidentView;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Helpers for the incident pages, used as {@code ${@incidentConsole.acceptOverdue(incident)}}: which deadline has
 * passed, and labels for timeline actions and roles that fall back to the raw code when a bundle has no entry (the
 * timeline records whatever a move or a job wrote).
 */
@Component("incidentConsole")
public class IncidentConsoleFormat {

    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    IncidentConsoleFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** Waiting to be accepted past its response deadline. */
    public boolean acceptOverdue(IncidentView incident) {
        return incident.state().isAcceptOverdue(incident.acceptDueAt(), clock.instant());
    }

    /** Being handled past its resolution deadline. */
    public boolean resolveOverdue(IncidentView incident) {
        return incident.state().isResolveOverdue(incident.expectedResolutionAt(), clock.instant());
    }

    /** Whether the viewer may make this move on the incident now (its {@code allowedMoves}), by the move's name. */
    public boolean may(IncidentView incident, String move) {
        return incident.allowedMoves().stream().anyMatch(m -> m.name().equals(move));
    }

    public String action(String action) {
        return label("incident.action." + action, action);
    }

    public String role(String role) {
        return role == null ? "" : label("incident.role." + role, role);
    }

    public String state(IncidentState state) {
        return state == null ? "" : label("incident.state." + state.name(), state.name());
    }

    /** "★★★★☆" for 4 of 5. */
    public String stars(Integer rating) {
        if (rating == null) {
            return "";
        }
        int filled = Math.max(0, Math.min(5, rating));
        return "★".repeat(filled) + "☆".repeat(5 - filled);
    }

    private String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
