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

import org.gridgov.grid.StaffRole;

/**
 * A recorded approval (准入) to push work outside the duty list onto a role, at a node and everything under it.
 * Immutable: who approved, when and why stay as recorded.
 */
@Entity
@Table(name = "duty_admission")
public class DutyAdmission {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long nodeId;

    @Enumerated(EnumType.STRING)
    private StaffRole role;

    private String workCode;

    private String workTitle;

    private String reason;

    private String approvedBy;

    private Instant approvedAt;

    private LocalDate validUntil;

    protected DutyAdmission() {
    }

    public DutyAdmission(long nodeId, StaffRole role, String workCode, String workTitle, String reason,
            String approvedBy, Instant approvedAt, LocalDate validUntil) {
        this.nodeId = nodeId;
        this.role = role;
        this.workCode = workCode;
        this.workTitle = workTitle;
        this.reason = reason;
        this.approvedBy = approvedBy;
        this.approvedAt = approvedAt;
        this.validUntil = validUntil;
    }

    public Long getId() {
        return id;
    }

    public long getNodeId() {
        return nodeId;
    }

    public StaffRole getRole() {
        return role;
    }

    public String getWorkCode() {
        return workCode;
    }

    public String getWorkTitle() {
        return workTitle;
    }

    public String getReason() {
        return reason;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }
}
