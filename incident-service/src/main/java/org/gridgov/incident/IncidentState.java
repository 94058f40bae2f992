package org.gridgov.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an incident is in its life. The groups of states that rules speak of — {@link #OPEN}, {@link #FINAL}, which
 * deadline runs ({@link #AWAITING_ACCEPTANCE}, {@link #BEING_HANDLED}) and so what is overdue — are defined here and
 * only here; SQL gets them from {@code internal.IncidentSql}, which renders these sets.
 */
public enum IncidentState {
    /** Received, waiting for the holding level to accept (受理). */
    SUBMITTED,
    ACCEPTED,
    IN_PROGRESS,
    /** Moved up one level (上报), waiting for that level to accept. */
    ESCALATED,
    /** The street blew the whistle (吹哨): departments are summoned. */
    WHISTLED,
    /** Handled (办结), waiting for the reporter's rating. */
    RESOLVED,
    CLOSED,
    /** Not a matter for the platform; the reporter sees the reason. */
    REJECTED,
    /** Merged into another report of the same problem. */
    MERGED,
    /** The reporter was not satisfied: it goes back to work. */
    REOPENED,
    /** Waiting for the reporter to add information (待补充): the deadline clock is paused meanwhile. */
    AWAITING_INFO;

    /** Waiting for the holding level to accept it: the response deadline ({@code acceptDueAt}) runs. */
    public static final Set<IncidentState> AWAITING_ACCEPTANCE = Collections.unmodifiableSet(
            EnumSet.of(SUBMITTED, ESCALATED, REOPENED));

    /** Accepted and being handled: the resolution deadline ({@code resolveDueAt}) runs. */
    public static final Set<IncidentState> BEING_HANDLED = Collections.unmodifiableSet(
            EnumSet.of(ACCEPTED, IN_PROGRESS, WHISTLED));

    /**
     * Open: the work is not done — it waits to be accepted, is being handled, or waits for the reporter's answer.
     * Not open: resolved (only the reporter's rating is left) and the {@link #FINAL} states. What a work queue, the
     * map, a sensor's "one open incident" and Open311's {@code open} mean.
     */
    public static final Set<IncidentState> OPEN = union(AWAITING_ACCEPTANCE, BEING_HANDLED, EnumSet.of(AWAITING_INFO));

    /** Final: nothing happens to it any more (no move, no photo, nothing merges into it). */
    public static final Set<IncidentState> FINAL = Collections.unmodifiableSet(EnumSet.of(CLOSED, REJECTED, MERGED));

    @SafeVarargs
    private static Set<IncidentState> union(Set<IncidentState>... sets) {
        EnumSet<IncidentState> all = EnumSet.noneOf(IncidentState.class);
        for (Set<IncidentState> set : sets) {
            all.addAll(set);
        }
        return Collections.unmodifiableSet(all);
    }

    /** See {@link #OPEN}. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** See {@link #FINAL}. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /**
     * Overdue: past the deadline that runs in this state — the response deadline while awaiting acceptance, the
     * resolution deadline while being handled. Nothing else is ever overdue: resolved and final incidents have no
     * running deadline, and one waiting for its reporter has its clock paused. {@code IncidentSql.overdue} is the
     * same rule in SQL.
     */
    public boolean isOverdue(Instant acceptDueAt, Instant resolveDueAt, Instant now) {
        return isAcceptOverdue(acceptDueAt, now) || isResolveOverdue(resolveDueAt, now);
    }

    /** Waiting to be accepted past its response deadline. */
    public boolean isAcceptOverdue(Instant acceptDueAt, Instant now) {
        return AWAITING_ACCEPTANCE.contains(this) && acceptDueAt != null && acceptDueAt.isBefore(now);
    }

    /** Being handled past its resolution deadline. */
    public boolean isResolveOverdue(Instant resolveDueAt, Instant now) {
        return BEING_HANDLED.contains(this) && resolveDueAt != null && resolveDueAt.isBefore(now);
    }
}
