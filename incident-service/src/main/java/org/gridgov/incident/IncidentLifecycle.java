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
        // a hotline (an integrator client) supervises and extends the incidents it sent, like a level above
        Set<Role> supervisors = EnumSet.copyOf(Role.MANAGERS);
        supervisors.add(Role.INTEGRATOR);
        RULES.put(Move.SUPERVISE, new Rule(IncidentState.OPEN, supervisors, null));
        RULES.put(Move.EXTEND, new Rule(IncidentState.OPEN, supervisors, null));
        Set<Role> urgers = EnumSet.copyOf(Role.REPORTERS);
        urgers.addAll(Role.MANAGERS);
        RULES.put(Move.URGE, new Rule(IncidentState.OPEN, urgers, null));
        RULES.put(Move.REASSIGN, new Rule(EnumSet.of(SUBMITTED, ESCALATED, REOPENED, ACCEPTED, IN_PROGRESS),
                Role.MANAGERS, SUBMITTED));
    }

    /** How far a summoned department is with its summons (NONE: the caller's department was not summoned). */
    public enum SummonsProgress {
        NONE, SUMMONED, CHECKED_IN
    }

    /**
     * Everything a move's guards look at, for one caller and one incident: the one input of both
     * {@link #allowed(MoveContext)} (the buttons a phone shows) and {@link #require(Move, MoveContext)} (what the
     * services check before they make the move), so a listed move is never refused.
     *
     * @param holds the holding level lies in the caller's scope (staff act only there)
     * @param reporter the caller reported it
     * @param holderType the type of the grid node holding it
     * @param above the caller's scope lies strictly above the holding node (supervise, urge)
     */
    public record MoveContext(IncidentState state, Role role, boolean holds, boolean reporter,
            org.gridgov.grid.GridType holderType, SummonsProgress summons, boolean above) {
    }

    /** The moves this caller may make now: exactly those {@link #require(Move, MoveContext)} lets through. */
    public static List<Move> allowed(MoveContext context) {
        return java.util.Arrays.stream(Move.values()).filter(m -> refusal(m, context) == null).toList();
    }

    /** @throws DomainException why the move is refused (409 state, 403 role or position, 422 a rule of the ladder) */
    public static void require(Move move, MoveContext context) {
        DomainException refused = refusal(move, context);
        if (refused != null && "incident.illegal-move".equals(refused.code())) {
            List<Move> allowed = allowed(context);
            throw new DomainException(DomainException.Kind.CONFLICT, "incident.illegal-move",
                    "An incident that is " + context.state() + " cannot be " + move + "; allowed now: " + allowed,
                    List.of(), Map.of("state", context.state(), "allowedMoves", allowed));
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** Why this move is refused in this context, or null when it is allowed. */
    static DomainException refusal(Move move, MoveContext c) {
        Rule rule = RULES.get(move);
        if (!rule.from().contains(c.state())) {
            return new DomainException(DomainException.Kind.CONFLICT, "incident.illegal-move",
                    "An incident that is " + c.state() + " cannot be " + move, List.of(), Map.of("state", c.state()));
        }
        if (!rule.roles().contains(c.role())) {
            return new DomainException(DomainException.Kind.FORBIDDEN, "incident.move-forbidden",
                    "A " + c.role() + " may not " + move + " an incident");
        }
        boolean top = c.holderType() == org.gridgov.grid.GridType.STREET
                || c.holderType() == org.gridgov.grid.GridType.DISTRICT
                || c.holderType() == org.gridgov.grid.GridType.CITY;
        return switch (move) {
            case RATE, REPORTER_REPLY -> c.reporter() ? null : new DomainException(DomainException.Kind.FORBIDDEN,
                    "incident.not-reporter", "Only the reporter may " + move);
            case CHECK_IN -> switch (c.summons()) {
                case NONE -> notSummoned();
                case SUMMONED -> null;
                case CHECKED_IN -> new DomainException(DomainException.Kind.CONFLICT, "incident.already-checked-in",
                        "Your department has checked in already");
            };
            case REPORT_ACTION -> switch (c.summons()) {
                case NONE -> notSummoned();
                case SUMMONED -> new DomainException(DomainException.Kind.CONFLICT, "incident.not-checked-in",
                        "Check in before reporting what was done");
                case CHECKED_IN -> null;
            };
            case URGE -> c.reporter() || Role.MANAGERS.contains(c.role()) && c.above() ? null
                    : new DomainException(DomainException.Kind.FORBIDDEN, "incident.urge-forbidden",
                            "The reporter or a level above the holder urges an incident");
            case SUPERVISE, EXTEND -> c.above() || c.role() == Role.INTEGRATOR && c.reporter() ? null
                    : new DomainException(DomainException.Kind.FORBIDDEN, "incident.supervise-not-above",
                            "Only a level above the one holding it, or the hotline that sent it, may " + move);
            default -> {
                if (!c.holds()) {
                    yield new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-holder",
                            "The incident is held at a level above yours");
                }
                if (move == Move.WHISTLE && c.holderType() != org.gridgov.grid.GridType.STREET) {
                    yield DomainException.ruleViolation("incident.whistle-not-street", null,
                            "Only the street blows the whistle: escalate the incident to the street first");
                }
                if (move == Move.ESCALATE && top) {
                    yield DomainException.ruleViolation("incident.escalate-top", null,
                            "The street is the top of the ladder: blow the whistle to summon departments instead");
                }
                yield null;
            }
        };
    }

    private static DomainException notSummoned() {
        return new DomainException(DomainException.Kind.FORBIDDEN, "incident.not-summoned",
                "Your department was not summoned to this incident");
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
