package org.gridgov.grid.internal;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.gridgov.grid.StaffRole;
import org.gridgov.shared.DomainException;

/** A person serving a grid in a role over a dated assignment [assignedFrom, assignedTo]. */
@Entity
@Table(name = "grid_staff")
public class GridStaff {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long nodeId;

    private String personName;

    @Enumerated(EnumType.STRING)
    private StaffRole role;

    private String workPhone;

    private boolean primaryWorker;

    private LocalDate assignedFrom;

    private LocalDate assignedTo;

    @Version
    private long version;

    private Instant createdAt;

    protected GridStaff() {
    }

    public GridStaff(long nodeId, String personName, StaffRole role, String workPhone, boolean primaryWorker,
            LocalDate assignedFrom, LocalDate assignedTo, Instant now) {
        if (assignedTo != null && assignedTo.isBefore(assignedFrom)) {
            throw DomainException.invalidField("grid.staff.period", "assignedTo", "assignedTo is before assignedFrom");
        }
        this.nodeId = nodeId;
        this.personName = personName;
        this.role = role;
        this.workPhone = workPhone;
        this.primaryWorker = primaryWorker;
        this.assignedFrom = assignedFrom;
        this.assignedTo = assignedTo;
        this.createdAt = now;
    }

    /** Ends the assignment on {@code lastDay} (inclusive). */
    public void end(LocalDate lastDay) {
        if (lastDay.isBefore(assignedFrom)) {
            throw DomainException.invalidField("grid.staff.period", "assignedTo",
                    "The assignment cannot end before it started (" + assignedFrom + ")");
        }
        if (assignedTo != null && !lastDay.isBefore(assignedTo)) {
            throw DomainException.conflict("grid.staff.already-ended", "The assignment already ends on " + assignedTo);
        }
        this.assignedTo = lastDay;
    }

    public Long getId() {
        return id;
    }

    public long getNodeId() {
        return nodeId;
    }

    public String getPersonName() {
        return personName;
    }

    public StaffRole getRole() {
        return role;
    }

    public String getWorkPhone() {
        return workPhone;
    }

    public boolean isPrimaryWorker() {
        return primaryWorker;
    }

    public LocalDate getAssignedFrom() {
        return assignedFrom;
    }

    public LocalDate getAssignedTo() {
        return assignedTo;
    }

    public long getVersion() {
        return version;
    }
}
