package org.gridgov.incident;

import org.gridgov.shared.security.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.shared.DomainException;

import static org.gridgov.incident.IncidentState.ACCEPTED;
import static org.gridgov.incident.IncidentState.AWAITING_INFO;
import static org.gridgov.incident.IncidentState.CLOSED;
import static org.gridgov.incident.IncidentState.ESCALATED;
import static org.gridgov.incident.IncidentState.IN_PROGRESS;
import static org.gridgov.incident.IncidentState.MERGED;
import static org.gridgov.incident.IncidentState.REJECTED;
import static org.gridgov.incident.IncidentState.REOPENED;
import static org.gridgov.incident.IncidentState.RESOLVED;
import static org.gridgov.incident.IncidentState.SUBMITTED;
import static org.gridgov.incident.IncidentState.WHISTLED;

/**
 * The lifecycle as data: for each move, the states it may start from, the roles that may make it, and the state it
 * leads to (null: it stays, or — for RATE — the rating decides). Services ask {@link #require}; an illegal move is a
 * 409 that lists the moves that are allowed now.
 */
public final class IncidentLifecycle {

    /** The roles that work on incidents at a grid level (within their scope). */
    public static final Set<Role> STAFF = Role.GRID_STAFF;
    static final Set<Role> STREET_LEVEL = Role.STREET_LEVEL;
    static final Set<Role> DEPARTMENT = Set.of(Role.DEPARTMENT_STAFF);
    /** The reporter (checked by the service: only the incident's own reporter). */
    static final Set<Role> REPORTER = Role.REPORTERS;

    record Rule(Set<IncidentState> from, Set<Role> roles, IncidentState to) {
    }

    private static final Map<Move, Rule> RULES = new EnumMap<>(Move.class);

    static {
        RULES.put(Move.ACCEPT, new Rule(EnumSet.of(SUBMITTED, ESCALATED, REOPENED), STAFF, ACCEPTED));
        RULES.put(Move.START, new Rule(EnumSet.of(ACCEPTED), STAFF, IN_PROGRESS));
        RULES.put(Move.NOTE, new Rule(EnumSet.of(ACCEPTED, IN_PROGRESS, WHISTLED), STAFF, null));
        RULES.put(Move.ESCALATE, new Rule(EnumSet.of(SUBMITTED, ACCEPTED, IN_PROGRESS, ESCALATED, REOPENED), STAFF,
                ESCALATED));
        RULES.put(Move.WHISTLE, new Rule(EnumSet.of(ACCEPTED, IN_PROGRESS, ESCALATED), STREET_LEVEL, WHISTLED));
        RULES.put(Move.CHECK_IN, new Rule(EnumSet.of(WHISTLED), DEPARTMENT, null));
        RULES.put(Move.REPORT_ACTION, new Rule(EnumSet.of(WHISTLED), DEPARTMENT, null));
        RULES.put(Move.RESOLVE, new Rule(EnumSet.of(ACCEPTED, IN_PROGRESS, WHISTLED), STAFF, RESOLVED));
        RULES.put(Move.REJECT, new Rule(EnumSet.of(SUBMITTED, ESCALATED, ACCEPTED, REOPENED, AWAITING_INFO), STAFF,
                REJECTED));
        RULES.put(Move.RATE, new Rule(EnumSet.of(RESOLVED), REPORTER, null));
        RULES.put(Move.CLOSE, new Rule(EnumSet.of(RESOLVED), Set.of(Role.SYSTEM_ADMIN), CLOSED));
        RULES.put(Move.MERGE, new Rule(EnumSet.of(SUBMITTED, ACCEPTED, ESCALATED, REOPENED), STAFF, MERGED));
        RULES.put(Move.ASK_REPORTER, new Rule(EnumSet.of(ACCEPTED, IN_PROGRESS), STAFF, AWAITING_INFO));
        RULES.put(Move.REPORTER_REPLY, new Rule(EnumSet.of(AWAITING_INFO), REPORTER, IN_PROGRESS));
        RULES.put(Move.RESUME, new Rule(EnumSet.of(AWAITING_INFO), STAFF, IN_PROGRESS));
    }

    private IncidentLifecycle() {
    }

    /** The moves a caller with {@code role} may make from {@code state}. */
    public static List<Move> allowed(IncidentState state, Role role) {
        return RULES.entrySet().stream()
            .filter(e -> e.getValue().from().contains(state) && e.getValue().roles().contains(role))
            .map(Map.Entry::getKey).toList();
    }

    /**
     * @throws DomainException 409 {@code incident.illegal-move} (with {@code allowedMoves}) when the state does not
     *         allow the move, 403 {@code incident.move-forbidden} when the role may not make it
     */
    public static void require(Move move, IncidentState state, Role role) {
        Rule rule = RULES.get(move);
        if (!rule.from().contains(state)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "incident.illegal-move",
                    "An incident that is " + state + " cannot be " + move + "; allowed now: " + allowed(state, role),
                    List.of(), Map.of("state", state, "allowedMoves", allowed(state, role)));
        }
        if (!rule.roles().contains(role)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.move-forbidden",
                    "A " + role + " may not " + move + " an incident", List.of(),
                    Map.of("allowedMoves", allowed(state, role)));
        }
    }

    /** The state a move leads to, or null when it keeps the state (or, for RATE, the rating decides). */
    public static IncidentState target(Move move) {
        return RULES.get(move).to();
    }
}
