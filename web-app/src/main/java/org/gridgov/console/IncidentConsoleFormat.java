package org.gridgov.console;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

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

    private static final Set<IncidentState> WAITING_FOR_ACCEPT = EnumSet.of(IncidentState.SUBMITTED,
            IncidentState.ESCALATED, IncidentState.REOPENED);
    private static final Set<IncidentState> BEING_HANDLED = EnumSet.of(IncidentState.ACCEPTED,
            IncidentState.IN_PROGRESS, IncidentState.WHISTLED);

    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    IncidentConsoleFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** Waiting to be accepted past its response deadline. */
    public boolean acceptOverdue(IncidentView incident) {
        return WAITING_FOR_ACCEPT.contains(incident.state()) && incident.acceptDueAt() != null
                && incident.acceptDueAt().isBefore(clock.instant());
    }

    /** Being handled past its resolution deadline. */
    public boolean resolveOverdue(IncidentView incident) {
        return BEING_HANDLED.contains(incident.state()) && incident.expectedResolutionAt() != null
                && incident.expectedResolutionAt().isBefore(clock.instant());
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
