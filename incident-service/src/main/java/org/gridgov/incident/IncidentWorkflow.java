package org.gridgov.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.event.IncidentRated;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.notification.Recipient;
import org.gridgov.shared.event.IncidentResolved;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moves of the lifecycle made by the holding level's staff (accept, start, note, ask the reporter, resume,
 * escalate, reject, merge, resolve) and by the reporter (reply, rate). Every move is checked by
 * {@link IncidentLifecycle} and by who the caller is — their role, their data scope over the holding grid, being the
 * reporter — and leaves an immutable timeline entry. The street's whistle and the departments' answer are
 * {@link IncidentWhistle}'s.
 */
@Service
@Transactional(readOnly = true)
public class IncidentWorkflow {

    private final IncidentRepository incidents;
    private final GridDirectory grids;
    private final IncidentAccess access;
    private final IncidentJournal journal;
    private final IncidentDeadlines deadlines;
    private final IncidentEscalation escalation;
    private final IncidentViews views;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentWorkflow(IncidentRepository incidents, GridDirectory grids, IncidentAccess access, IncidentJournal journal,
            IncidentDeadlines deadlines, IncidentEscalation escalation, IncidentViews views,
            ApplicationEventPublisher events, Optional<Clock> clock) {
        this.incidents = incidents;
        this.grids = grids;
        this.access = access;
        this.journal = journal;
        this.deadlines = deadlines;
        this.escalation = escalation;
        this.views = views;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Transactional
    public IncidentView accept(long id, long expectedVersion, String note) {
        IncidentView view = staffMove(id, expectedVersion, Move.ACCEPT, note);
        Incident incident = incidents.findById(id).orElseThrow();
        journal.notifyReporter(incident, NotificationKind.INCIDENT_ACCEPTED, "您反映的问题 "
                + incident.getTrackingCode() + " 已受理，预计 " + IncidentPeople.local(incident.getResolveDueAt())
                + " 前办结");
        return view;
    }

    @Transactional
    public IncidentView start(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.START, note);
    }

    /** A progress note; the state stays. */
    @Transactional
    public IncidentView note(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.NOTE, note);
    }

    @Transactional
    public IncidentView resolve(long id, long expectedVersion, String note) {
        IncidentView view = staffMove(id, expectedVersion, Move.RESOLVE, note);
        Incident incident = incidents.findById(id).orElseThrow();
        journal.notifyReporter(incident, NotificationKind.INCIDENT_RESOLVED,
                "您反映的问题 " + incident.getTrackingCode() + " 已办结，请评价");
        for (Incident merged : incidents.findByMergedIntoId(id)) {
            journal.notifyReporter(merged, NotificationKind.INCIDENT_RESOLVED, "您反映的问题 "
                    + merged.getTrackingCode() + " 已随 " + incident.getTrackingCode() + " 办结");
        }
        Caller resolver = access.caller();
        incident.resolvedBy(resolver.accountId(), journal.display(resolver), resolver.role());
        events.publishEvent(new IncidentResolved(id, incident.getTrackingCode(), incident.getCategoryCode(),
                incident.getHolderGridId(), incident.getHolderPath(), resolver.accountId(), resolver.username(),
                !incident.getResolvedAt().isAfter(incident.getResolveDueAt()), incident.getResolvedAt()));
        return view;
    }

    /**
     * Staff need more from the reporter (a photo, the exact door): the incident waits for them and its deadline clock
     * pauses until they reply or staff go on without them.
     */
    @Transactional
    public IncidentView askReporter(long id, long expectedVersion, String question) {
        IncidentView view = staffMove(id, expectedVersion, Move.ASK_REPORTER, question);
        Incident incident = incidents.findById(id).orElseThrow();
        journal.notifyReporter(incident, NotificationKind.INCIDENT_INFO_REQUESTED,
                "您反映的问题 " + incident.getTrackingCode() + " 需要补充信息：" + question);
        return view;
    }

    /** The reporter answers what staff asked: work goes on, and so does the deadline clock. */
    @Transactional
    public IncidentView reply(long id, String text) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        access.require(Move.REPORTER_REPLY, incident, caller);
        IncidentState before = incident.move(Move.REPORTER_REPLY, caller.role(), clock.instant());
        journal.record(incident, caller, Move.REPORTER_REPLY.name(), before, incident.getState(),
                incident.getHolderGridId(), text);
        journal.notifyHolder(incident, NotificationKind.INCIDENT_INFO_PROVIDED,
                "事件 " + incident.getTrackingCode() + " 的反映人已补充信息");
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** Staff go on without the reporter's answer; the deadline clock goes on. */
    @Transactional
    public IncidentView resume(long id, long expectedVersion, String note) {
        return staffMove(id, expectedVersion, Move.RESUME, note);
    }

    @Transactional
    public IncidentView reject(long id, long expectedVersion, String reason) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(Move.REJECT, incident, caller);
        IncidentState before = incident.move(Move.REJECT, caller.role(), clock.instant());
        incident.reject(reason);
        journal.record(incident, caller, "REJECT", before, incident.getState(), incident.getHolderGridId(), reason);
        journal.notifyReporter(incident, NotificationKind.INCIDENT_REJECTED,
                "您反映的问题 " + incident.getTrackingCode() + " 不属于受理范围：" + reason);
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** Moves the incident up one level: micro → general → community → street (the street is the top). */
    @Transactional
    public IncidentView escalate(long id, long expectedVersion, String reason) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(Move.ESCALATE, incident, caller);
        escalation.escalateOneLevel(incident, caller, "ESCALATE", reason);
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /**
     * The reporter rates the result: 3–5 closes it; 1–2 reopens it — the first time where it was, after that at the
     * community.
     */
    @Transactional
    public IncidentView rate(long id, int stars, String comment) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        if (stars < 1 || stars > 5) {
            throw DomainException.invalidField("incident.rating", "rating", "A rating is 1 to 5 stars");
        }
        access.require(Move.RATE, incident, caller);
        Instant now = clock.instant();
        IncidentState before = incident.getState();
        boolean reopened = incident.rate(stars, comment, now);
        events.publishEvent(new IncidentRated(incident.getId(), incident.getTrackingCode(), stars,
                incident.getResolvedByAccountId(), incident.getResolvedBy(), incident.getGridPath(), now,
                incident.getGridId(), incident.getResolvedByRole()));
        journal.rated(incident, stars, comment, now);
        journal.record(incident, caller, "RATE", before, incident.getState(), incident.getHolderGridId(),
                stars + "★" + (comment == null ? "" : " " + comment));
        if (reopened) {
            reopen(incident, now);
        }
        else {
            journal.closed(incident, true);
        }
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** New deadlines from now; unsatisfied a second time, the community takes it over. */
    private void reopen(Incident incident, Instant now) {
        IncidentDeadlines.Due due = deadlines.due(deadlines.category(incident.getCategoryCode()), now);
        incident.reopenDeadlines(due.accept(), due.resolve());
        if (incident.getReopenCount() > 1) {
            GridNodeRef community = grids.chain(incident.getGridId()).stream()
                .filter(n -> n.type() == GridType.COMMUNITY).findFirst().orElse(null);
            if (community != null && community.id() != incident.getHolderGridId()) {
                incident.holdAt(community.id(), grids.pathOf(community.id()), null, incident.getAcceptDueAt());
                journal.record(incident, Caller.SYSTEM, "TO_COMMUNITY", incident.getState(), incident.getState(),
                        community.id(), "unsatisfied again: the community takes it over");
            }
        }
        journal.notifyHolder(incident, NotificationKind.INCIDENT_REOPENED,
                "居民不满意，事件 " + incident.getTrackingCode() + " 已重新打开，请于 "
                        + IncidentPeople.local(incident.getAcceptDueAt()) + " 前受理");
    }

    /**
     * Merges a report into another of the same problem; the merged report's reporter follows the survivor and hears
     * its outcome. The survivor must be open (not resolved, not final) and of the same category; a community worker
     * or above may merge across categories with a reason ({@code override}).
     */
    @Transactional
    public IncidentView merge(long id, long expectedVersion, long survivorId) {
        return merge(id, expectedVersion, survivorId, false, null);
    }

    @Transactional
    public IncidentView merge(long id, long expectedVersion, long survivorId, boolean override, String reason) {
        if (id == survivorId) {
            throw DomainException.invalidField("incident.merge-self", "intoId", "An incident cannot merge into itself");
        }
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(Move.MERGE, incident, caller);
        Incident survivor = access.visible(survivorId, caller);
        if (!survivor.getState().isOpen()) {
            throw DomainException.ruleViolation("incident.merge-closed", "intoId",
                    "The surviving incident is " + survivor.getState() + ", not open: its reporter would never hear "
                            + "the outcome");
        }
        if (!survivor.getCategoryCode().equals(incident.getCategoryCode())) {
            if (!override) {
                throw DomainException.ruleViolation("incident.merge-category", "intoId",
                        "The surviving incident is of another category (" + survivor.getCategoryCode() + ")");
            }
            if (!caller.hasRoleIn(org.gridgov.shared.security.Role.MANAGERS)) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.merge-override-forbidden",
                        "Only a community worker or above merges across categories");
            }
            if (reason == null || reason.isBlank()) {
                throw DomainException.invalidField("incident.merge-reason", "reason",
                        "Say why a report of another category is the same problem");
            }
        }
        IncidentState before = incident.move(Move.MERGE, caller.role(), clock.instant());
        incident.mergeInto(survivorId);
        journal.record(incident, caller, "MERGE", before, incident.getState(), incident.getHolderGridId(),
                "merged into " + survivor.getTrackingCode() + (reason == null || reason.isBlank() ? "" : ": " + reason));
        journal.record(survivor, caller, "MERGED_IN", survivor.getState(), survivor.getState(),
                survivor.getHolderGridId(), incident.getTrackingCode() + " follows this incident");
        journal.notifyReporter(incident, NotificationKind.INCIDENT_MERGED,
                "您反映的问题已并入 " + survivor.getTrackingCode() + "，将随其办理结果通知您");
        return views.view(incidents.saveAndFlush(incident), caller);
    }

    /** A sensor alarmed again while its incident is open (by {@link SensorIntake}): a timeline entry only. */
    @Transactional
    public void recordSensorRepeat(long id, String detail) {
        Caller caller = access.caller();
        Incident incident = incidents.findById(id).orElseThrow();
        journal.record(incident, caller, "SENSOR_REPEAT", incident.getState(), incident.getState(),
                incident.getHolderGridId(), detail);
    }

    /** A photo was added (by {@link IncidentPhotos}): a timeline entry, the state stays. */
    @Transactional
    public void recordPhoto(long id, long photoId) {
        Caller caller = access.caller();
        Incident incident = access.visible(id, caller);
        journal.record(incident, caller, "PHOTO", incident.getState(), incident.getState(), incident.getHolderGridId(),
                "photo " + photoId);
    }

    private IncidentView staffMove(long id, long expectedVersion, Move move, String note) {
        Caller caller = access.caller();
        Incident incident = access.actionable(id, expectedVersion, caller);
        access.require(move, incident, caller);
        IncidentState before = incident.move(move, caller.role(), clock.instant());
        journal.record(incident, caller, move.name(), before, incident.getState(), incident.getHolderGridId(), note);
        return views.view(incidents.saveAndFlush(incident), caller);
    }
}
