package org.gridgov.incident.internal;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.gridgov.shared.DomainException;

/** A department summoned by a street's whistle: it must check in by its deadline, then report its action. */
@Entity
@Table(name = "incident_summons")
public class Summons {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long incidentId;

    private long departmentId;

    private Instant summonedAt;

    private Instant checkInDueAt;

    private Instant checkedInAt;

    private Instant overdueActedAt;

    private String checkedInBy;

    private Instant reportedAt;

    private String report;

    protected Summons() {
    }

    public Summons(long incidentId, long departmentId, Instant summonedAt, Instant checkInDueAt) {
        this.incidentId = incidentId;
        this.departmentId = departmentId;
        this.summonedAt = summonedAt;
        this.checkInDueAt = checkInDueAt;
    }

    public void checkIn(String by, Instant now) {
        if (checkedInAt != null) {
            throw DomainException.conflict("incident.already-checked-in", "The department has already checked in");
        }
        this.checkedInAt = now;
        this.checkedInBy = by;
    }

    public void reportAction(String text, Instant now) {
        if (checkedInAt == null) {
            throw DomainException.conflict("incident.check-in-first", "Check in (报到) before reporting the action");
        }
        this.report = text;
        this.reportedAt = now;
    }

    public long getIncidentId() {
        return incidentId;
    }

    public long getDepartmentId() {
        return departmentId;
    }

    public Instant getSummonedAt() {
        return summonedAt;
    }

    public Instant getCheckInDueAt() {
        return checkInDueAt;
    }

    /** The overdue job told of the missed check-in (once). */
    public void overdueActed(Instant now) {
        this.overdueActedAt = now;
    }

    public Instant getCheckedInAt() {
        return checkedInAt;
    }

    public String getCheckedInBy() {
        return checkedInBy;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public String getReport() {
        return report;
    }
}
