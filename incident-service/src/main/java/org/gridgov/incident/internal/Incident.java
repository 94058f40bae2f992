package org.gridgov.incident.internal;

import org.gridgov.shared.security.Role;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.gridgov.incident.IncidentLifecycle;
import org.gridgov.incident.IncidentSource;
import org.gridgov.incident.IncidentState;
import org.gridgov.incident.Move;

/**
 * A reported problem. State changes go through {@link #move}, which asks {@link IncidentLifecycle}; the service
 * writes the timeline entry for each.
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String trackingCode;

    private String categoryCode;

    @Enumerated(EnumType.STRING)
    private IncidentSource source;

    private String description;

    private Double lat;

    private Double lng;

    private long gridId;

    private String gridPath;

    private long holderGridId;

    private String holderPath;

    private String assigneeName;

    @Enumerated(EnumType.STRING)
    private IncidentState state;

    private boolean outsideGrid;

    private boolean anonymous;

    private String reporterUsername;

    private Long reporterAccountId;

    @Enumerated(EnumType.STRING)
    private Role reporterRole;

    @Enumerated(EnumType.STRING)
    private Role resolvedByRole;

    private short ratingCount;

    private int ratingTotal;

    private String idempotencyKey;

    private String deviceId;

    private Instant acceptDueAt;

    private Instant resolveDueAt;

    private Instant acceptedAt;

    private Instant resolvedAt;

    private Instant closedAt;

    private short escalations;

    private short reopenCount;

    private Short rating;

    private Long resolvedByAccountId;

    private String resolvedBy;

    private String ratingComment;

    private String rejectionReason;

    private Long mergedIntoId;

    @Version
    private long version;

    private Instant createdAt;

    private Instant updatedAt;

    /** Set while the incident waits for its reporter: the deadline clock is paused since then. */
    private Instant clockPausedAt;

    private long pausedSeconds;

    private Instant supervisedDueAt;

    private Instant overdueActedFor;

    /** The sending system (a hotline), with {@link #externalTicket} its ticket number: unique per source. */
    private String externalSource;

    private String externalTicket;

    /** Its category code had no mapping: it waits in the triage category for staff. */
    private boolean needsTriage;

    protected Incident() {
    }

    /** A new report, held by the grid whose worker it is assigned to. */
    public Incident(String trackingCode, String categoryCode, IncidentSource source, String description, Double lat,
            Double lng, long gridId, String gridPath, long holderGridId, String holderPath, String assigneeName,
            boolean outsideGrid, boolean anonymous, String reporterUsername, Long reporterAccountId, Role reporterRole,
            String idempotencyKey, String deviceId, Instant acceptDueAt, Instant resolveDueAt, Instant now) {
        this.reporterAccountId = reporterAccountId;
        this.reporterRole = reporterRole;
        this.trackingCode = trackingCode;
        this.categoryCode = categoryCode;
        this.source = source;
        this.description = description;
        this.lat = lat;
        this.lng = lng;
        this.gridId = gridId;
        this.gridPath = gridPath;
        this.holderGridId = holderGridId;
        this.holderPath = holderPath;
        this.assigneeName = assigneeName;
        this.outsideGrid = outsideGrid;
        this.anonymous = anonymous;
        this.reporterUsername = reporterUsername;
        this.idempotencyKey = idempotencyKey;
        this.deviceId = deviceId;
        this.acceptDueAt = acceptDueAt;
        this.resolveDueAt = resolveDueAt;
        this.state = IncidentState.SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Checks and makes a move; returns the state before it. */
    public IncidentState move(Move move, Role role, Instant now) {
        IncidentLifecycle.require(move, state, role);
        IncidentState before = state;
        IncidentState target = IncidentLifecycle.target(move);
        if (target != null) {
            state = target;
        }
        switch (move) {
            case ACCEPT -> acceptedAt = now;
            case RESOLVE -> resolvedAt = now;
            case CLOSE -> closedAt = now;
            case ASK_REPORTER -> clockPausedAt = now;
            default -> {
                // the other moves only change the state (or nothing)
            }
        }
        if (before == IncidentState.AWAITING_INFO && state != IncidentState.AWAITING_INFO) {
            resumeClock(now);
        }
        updatedAt = now;
        return before;
    }

    /**
     * Ends a pause of the deadline clock: the resolution deadline moves by the time spent waiting for the reporter
     * (wall-clock time, so a working-hours deadline moves at least as far as the working time lost).
     */
    private void resumeClock(Instant now) {
        java.time.Duration paused = java.time.Duration.between(clockPausedAt, now);
        resolveDueAt = resolveDueAt.plus(paused);
        pausedSeconds += paused.toSeconds();
        clockPausedAt = null;
    }

    public Instant getClockPausedAt() {
        return clockPausedAt;
    }

    public long getPausedSeconds() {
        return pausedSeconds;
    }

    /** Hands the incident to the level above (or another level), with a new deadline to accept. */
    public void holdAt(long gridId, String path, String assignee, Instant acceptDue) {
        this.holderGridId = gridId;
        this.holderPath = path;
        this.assigneeName = assignee;
        this.acceptDueAt = acceptDue;
        this.escalations++;
    }

    /**
     * Hands the incident to another node of the same level after its grid moved away from the one holding it (not
     * an escalation: the count and the deadlines stay).
     */
    public void transferHolder(long gridId, String path, String assignee) {
        this.holderGridId = gridId;
        this.holderPath = path;
        this.assigneeName = assignee;
    }

    public void reject(String reason) {
        this.rejectionReason = reason;
    }

    public void mergeInto(long survivorId) {
        this.mergedIntoId = survivorId;
    }

    /**
     * The reporter's rating of a resolved incident. Satisfied (3–5): closed. Unsatisfied (1–2): reopened — the first
     * time where it was, after that by the community ({@code communityLevel} tells the service to move it).
     *
     * @return true when it was reopened
     */
    public boolean rate(int stars, String comment, Instant now) {
        this.rating = (short) stars;
        this.ratingComment = comment;
        this.ratingCount++;
        this.ratingTotal += stars;
        this.updatedAt = now;
        if (stars <= 2) {
            this.state = IncidentState.REOPENED;
            this.reopenCount++;
            this.resolvedAt = null;
            return true;
        }
        this.state = IncidentState.CLOSED;
        this.closedAt = now;
        return false;
    }

    public void reopenDeadlines(Instant acceptDue, Instant resolveDue) {
        this.acceptDueAt = acceptDue;
        this.resolveDueAt = resolveDue;
    }

    public Long getId() {
        return id;
    }

    public String getTrackingCode() {
        return trackingCode;
    }

    public String getCategoryCode() {
        return categoryCode;
    }

    public IncidentSource getSource() {
        return source;
    }

    public String getDescription() {
        return description;
    }

    public Double getLat() {
        return lat;
    }

    public Double getLng() {
        return lng;
    }

    public long getGridId() {
        return gridId;
    }

    public String getGridPath() {
        return gridPath;
    }

    public long getHolderGridId() {
        return holderGridId;
    }

    public String getHolderPath() {
        return holderPath;
    }

    public String getAssigneeName() {
        return assigneeName;
    }

    public IncidentState getState() {
        return state;
    }

    public boolean isOutsideGrid() {
        return outsideGrid;
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    public String getReporterUsername() {
        return reporterUsername;
    }

    public Instant getAcceptDueAt() {
        return acceptDueAt;
    }

    public Instant getResolveDueAt() {
        return resolveDueAt;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public int getEscalations() {
        return escalations;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    /** Records the staff account that resolved it (its rating is credited to them); null for the system. */
    public void resolvedBy(Long accountId, String displayName, Role role) {
        this.resolvedByAccountId = accountId;
        this.resolvedBy = displayName;
        this.resolvedByRole = role;
    }

    public Role getResolvedByRole() {
        return resolvedByRole;
    }

    public Long getReporterAccountId() {
        return reporterAccountId;
    }

    public Role getReporterRole() {
        return reporterRole;
    }

    /** How many ratings it has had (a reopened incident may be rated again) and their sum. */
    public int getRatingCount() {
        return ratingCount;
    }

    public int getRatingTotal() {
        return ratingTotal;
    }

    /** Hands the incident to another grid (改派): to be accepted there by a new deadline; not an escalation. */
    public void reassign(long gridId, String path, String assignee, Instant acceptDue, Instant now) {
        this.holderGridId = gridId;
        this.holderPath = path;
        this.assigneeName = assignee;
        this.acceptDueAt = acceptDue;
        this.updatedAt = now;
    }

    /** The ticket of the system that sent it; {@code triage}: its category code was not mapped. */
    public void sentBy(String source, String ticket, boolean triage) {
        this.externalSource = source;
        this.externalTicket = ticket;
        this.needsTriage = triage;
    }

    public String getExternalSource() {
        return externalSource;
    }

    public String getExternalTicket() {
        return externalTicket;
    }

    public boolean isNeedsTriage() {
        return needsTriage;
    }

    /** Triage: staff give a report waiting in the triage category its real category. */
    public void classify(String category, Instant now) {
        this.categoryCode = category;
        this.needsTriage = false;
        this.updatedAt = now;
    }

    /** 延期: the resolution deadline moves to {@code resolveBy}. */
    public void extend(Instant resolveBy, Instant now) {
        this.resolveDueAt = resolveBy;
        this.updatedAt = now;
    }

    /** A higher level supervises it (督办) until this date. */
    public void supervise(Instant dueAt, Instant now) {
        this.supervisedDueAt = dueAt;
        this.updatedAt = now;
    }

    public Instant getSupervisedDueAt() {
        return supervisedDueAt;
    }

    /** The deadline the overdue job last acted on (so it acts once per deadline). */
    public void overdueActed(Instant deadline) {
        this.overdueActedFor = deadline;
    }

    public Instant getOverdueActedFor() {
        return overdueActedFor;
    }

    public Long getResolvedByAccountId() {
        return resolvedByAccountId;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public Short getRating() {
        return rating;
    }

    public String getRatingComment() {
        return ratingComment;
    }

    public String getRejectionReason() {
        return rejectionReason;
    }

    public Long getMergedIntoId() {
        return mergedIntoId;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
