package org.gridgov.incident.internal;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.gridgov.incident.IncidentState;

/** One immutable step of an incident's timeline (the database refuses updates and deletes). */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long incidentId;

    private Instant at;

    private String actor;

    private String actorRole;

    private String action;

    private String fromState;

    private String toState;

    private Long gridId;

    private String note;

    private Long actorAccountId;

    private String actorDisplay;

    protected TimelineEntry() {
    }

    public TimelineEntry(long incidentId, Instant at, String actor, String actorRole, String action,
            IncidentState from, IncidentState to, Long gridId, String note, Long actorAccountId, String actorDisplay) {
        this.actorAccountId = actorAccountId;
        this.actorDisplay = actorDisplay;
        this.incidentId = incidentId;
        this.at = at;
        this.actor = actor;
        this.actorRole = actorRole;
        this.action = action;
        this.fromState = from == null ? null : from.name();
        this.toState = to == null ? null : to.name();
        this.gridId = gridId;
        this.note = note;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getActorRole() {
        return actorRole;
    }

    public String getAction() {
        return action;
    }

    public String getFromState() {
        return fromState;
    }

    public String getToState() {
        return toState;
    }

    public Long getGridId() {
        return gridId;
    }

    public Long getActorAccountId() {
        return actorAccountId;
    }

    public String getActorDisplay() {
        return actorDisplay;
    }

    public String getNote() {
        return note;
    }
}
