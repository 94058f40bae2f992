package org.gridgov.incident;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridLocator;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffView;
import org.gridgov.incident.internal.Incident;
import org.gridgov.incident.internal.IncidentRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.security.Role;
import org.gridgov.shared.web.IdempotencyFilter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One door for every report (随手报, a worker's patrol, a sensor, an external platform): located to the grid that
 * serves the spot, assigned to its worker, given its deadlines and a tracking code, and answered with reports nearby
 * that may be the same problem.
 */
@Service
@Transactional(readOnly = true)
public class IncidentIntake {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final IncidentRepository incidents;
    private final GridLocator locator;
    private final GridDirectory grids;
    private final IncidentAccess access;
    private final IncidentDeadlines deadlines;
    private final IncidentJournal journal;
    private final IncidentViews views;
    private final IncidentProperties properties;
    private final IncidentCategoryMappings mappings;
    private final IncidentContacts contacts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IncidentIntake(IncidentRepository incidents, GridLocator locator, GridDirectory grids, IncidentAccess access,
            IncidentDeadlines deadlines, IncidentJournal journal, IncidentViews views, IncidentProperties properties,
            IncidentCategoryMappings mappings, IncidentContacts contacts, Optional<Clock> clock) {
        this.mappings = mappings;
        this.contacts = contacts;
        this.incidents = incidents;
        this.locator = locator;
        this.grids = grids;
        this.access = access;
        this.deadlines = deadlines;
        this.journal = journal;
        this.views = views;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Takes a report through any door: locates it, assigns it to the worker of the grid that serves the spot (a
     * dedicated grid's worker inside one; no worker → the general grid's → the community), sets its deadlines, and
     * answers with the tracking code and reports nearby that may be the same. The same idempotency key from the
     * same reporter returns the first incident, never a second one.
     */
    @Transactional
    public ReportResult report(ReportIncidentCommand command, String idempotencyKey) {
        return reportAs(access.caller(), command, idempotencyKey);
    }

    /**
     * {@link #report} on behalf of a caller known from an event rather than the security context (another module's
     * request, handled by a listener after that module's transaction committed).
     */
    @Transactional
    public ReportResult reportAs(Caller caller, ReportIncidentCommand command, String idempotencyKey) {
        // over HTTP the idempotency filter has claimed this caller's key already (an earlier request with it is
        // replayed there and never gets here); the look-up is for callers from events, and the unique constraint
        // (reporter, key) catches a key older than the filter's retention
        if (idempotencyKey != null && !IdempotencyFilter.claimedInThisRequest(caller.username(), idempotencyKey)) {
            Optional<Incident> earlier = incidents.findByReporterUsernameAndIdempotencyKey(caller.username(),
                    idempotencyKey);
            if (earlier.isPresent()) {
                return new ReportResult(views.view(earlier.get(), caller), List.of());
            }
        }
        requireSource(command.source(), caller);
        ExternalRef external = externalRef(command);
        requireContact(command.contact());
        String categoryCode = command.category();
        boolean triage = false;
        if (categoryCode == null || categoryCode.isBlank()) {
            if (external == null || command.externalCategory() == null || command.externalCategory().isBlank()) {
                throw DomainException.invalidField("incident.category-required", "category",
                        "Give a category, or an externalRef with the sender's externalCategory");
            }
            Optional<String> mapped = mappings.categoryOf(external.source(), command.externalCategory().strip());
            categoryCode = mapped.orElse(IncidentCategoryMappings.TRIAGE);
            triage = mapped.isEmpty();
        }
        if (external != null) {
            incidents.findByExternalSourceAndExternalTicket(external.source(), external.ticket())
                .ifPresent(existing -> {
                    throw externalRefTaken(external, existing, caller);
                });
        }
        IncidentDeadlines.Category category = deadlines.category(categoryCode);
        Located located = locate(command);
        Holder holder = holderFor(located.grid());
        // PostgreSQL keeps microseconds: the view built from what was just written must show what a later read shows
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        IncidentDeadlines.Due due = deadlines.due(category, now);
        Incident incident = new Incident(trackingCode(now), category.code(), command.source(),
                command.description().strip(), located.lat(), located.lng(), located.grid().id(),
                grids.indexedPathOf(located.grid().id()), holder.grid().id(), grids.indexedPathOf(holder.grid().id()),
                holder.assignee(), located.outside(), command.anonymous(), caller.username(), caller.accountId(),
                caller.role(), idempotencyKey,
                command.deviceId(), due.accept(), due.resolve(), now);
        if (external != null) {
            incident.sentBy(external.source(), external.ticket(), triage);
        }
        try {
            incidents.saveAndFlush(incident);
        }
        catch (DataIntegrityViolationException ex) {
            if (external != null && String.valueOf(ex.getMessage()).contains("incident_external_ref_uk")) {
                // another request with the same ticket won the race
                throw DomainException.conflict("incident.external-ref-taken", "Ticket " + external.ticket()
                        + " of " + external.source() + " is already an incident");
            }
            if (command.deviceId() != null && String.valueOf(ex.getMessage()).contains("incident_open_device_uk")) {
                throw DomainException.conflict("incident.device-open",
                        "Device " + command.deviceId() + " already has an open incident");
            }
            if (idempotencyKey != null && String.valueOf(ex.getMessage()).contains("incident_idempotency_uk")) {
                throw DomainException.conflict("incident.idempotency-key-used", "An incident was reported with this "
                        + "Idempotency-Key longer ago than keys are remembered; send a new key for a new report");
            }
            throw ex;
        }
        contacts.store(incident.getId(), command.contact());
        journal.record(incident, caller, "REPORTED", null, IncidentState.SUBMITTED, located.grid().id(),
                (located.outside() ? "outside every grid: routed to the intake queue of " + holder.grid().name()
                        : "assigned to " + (holder.assignee() == null ? holder.grid().name() : holder.assignee()))
                        + (triage ? "; " + external.source() + " category " + command.externalCategory().strip()
                                + " is not mapped: waits for triage" : ""));
        journal.notifyHolder(incident, NotificationKind.INCIDENT_NEW, "新事件 " + incident.getTrackingCode() + "："
                + category.name() + "，请于 " + IncidentPeople.local(incident.getAcceptDueAt()) + " 前受理");
        List<ReportResult.PossibleDuplicate> duplicates = duplicates(incident);
        // the view from what was just written: the category's name is known, a brand-new incident has no summons
        IncidentView view = views.created(incident, caller, category.name(), command.contact() != null);
        if (caller.hasRole(Role.RESIDENT)) {
            return new ReportResult(view, List.of(), duplicates.isEmpty() ? null : ReportResult.SIMILAR_NEARBY);
        }
        return new ReportResult(view, duplicates);
    }

    /**
     * The sender's ticket, checked: only a report from an external platform carries one, its source spelled like
     * {@code HOTLINE_12345}, its ticket number 1–64 characters.
     */
    private static ExternalRef externalRef(ReportIncidentCommand command) {
        ExternalRef ref = command.externalRef();
        if (ref == null || (ref.source() == null && ref.ticket() == null)) {
            if (command.externalCategory() != null && !command.externalCategory().isBlank()
                    && (command.category() == null || command.category().isBlank())) {
                throw DomainException.invalidField("incident.external-ref-required", "externalRef",
                        "externalCategory is mapped by the externalRef's source: give the externalRef too");
            }
            return null;
        }
        if (command.source() != IncidentSource.EXTERNAL) {
            throw DomainException.invalidField("incident.external-ref-source", "externalRef",
                    "Only a report with source EXTERNAL carries an externalRef");
        }
        IncidentCategoryMappings.requireSource(ref.source(), "externalRef.source");
        String ticket = ref.ticket() == null ? null : ref.ticket().strip();
        if (ticket == null || ticket.isEmpty() || ticket.length() > 64 || ticket.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalidField("incident.external-ticket.invalid", "externalRef.ticket",
                    "The sender's ticket number: 1-64 characters, no control characters");
        }
        if (command.externalCategory() != null && command.externalCategory().length() > 40) {
            throw DomainException.invalidField("incident.external-category.invalid", "externalCategory",
                    "At most 40 characters");
        }
        return new ExternalRef(ref.source(), ticket);
    }

    /** 409 naming the incident the ticket already is — by id and tracking code when the caller may see it. */
    private DomainException externalRefTaken(ExternalRef ref, Incident existing, Caller caller) {
        String message = "Ticket " + ref.ticket() + " of " + ref.source() + " is already an incident";
        if (!access.isVisible(existing, caller)) {
            return DomainException.conflict("incident.external-ref-taken", message);
        }
        return new DomainException(DomainException.Kind.CONFLICT, "incident.external-ref-taken",
                message + ": " + existing.getTrackingCode() + " (id " + existing.getId() + ")", List.of(),
                java.util.Map.of("incidentId", existing.getId(), "trackingCode", existing.getTrackingCode()));
    }

    /** The contact's fields within their lengths: the REST body is validated already, Open311's form is not. */
    private static void requireContact(IncidentContact contact) {
        if (contact == null) {
            return;
        }
        check(contact.name(), 50, "contact.name");
        check(contact.firstName(), 50, "contact.firstName");
        check(contact.lastName(), 50, "contact.lastName");
        check(contact.phone(), 32, "contact.phone");
        check(contact.email(), 254, "contact.email");
        check(contact.deviceId(), 64, "contact.deviceId");
        if (contact.phone() != null && !contact.phone().isBlank() && !contact.phone().strip().matches("[+0-9 ()-]{3,32}")) {
            throw DomainException.invalidField("incident.contact.invalid", "contact.phone",
                    "A phone number: digits, spaces, + ( ) -");
        }
        if (contact.email() != null && !contact.email().isBlank() && !contact.email().strip().matches("[^@\\s]+@[^@\\s]+")) {
            throw DomainException.invalidField("incident.contact.invalid", "contact.email", "An e-mail address");
        }
    }

    private static void check(String value, int max, String field) {
        if (value != null && (value.length() > max || value.chars().anyMatch(Character::isISOControl))) {
            throw DomainException.invalidField("incident.contact.invalid", field,
                    "At most " + max + " characters, no control characters");
        }
    }

    /** Residents report as residents, staff on patrol or for a caller (phone, hotline), integrators for external platforms and sensors. */
    private static void requireSource(IncidentSource source, Caller caller) {
        boolean allowed = switch (source) {
            case RESIDENT_REPORT -> true;
            case GRID_PATROL, PHONE, HOTLINE -> IncidentLifecycle.STAFF.contains(caller.role());
            case SENSOR_ALARM, EXTERNAL -> caller.hasRole(Role.INTEGRATOR, Role.SYSTEM_ADMIN);
        };
        if (!allowed) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.source-forbidden",
                    "A " + caller.role() + " may not report as " + source);
        }
    }

    private record Located(GridNodeRef grid, Double lat, Double lng, boolean outside) {
    }

    private record Holder(GridNodeRef grid, String assignee) {
    }

    private Located locate(ReportIncidentCommand command) {
        if (command.gridCode() != null && !command.gridCode().isBlank()) {
            GridNodeRef grid = grids.byCode(command.gridCode()).orElseThrow(() -> DomainException.ruleViolation(
                    "incident.unknown-grid", "gridCode", "No active grid " + command.gridCode()));
            return new Located(grid, command.lat(), command.lng(), false);
        }
        if (command.lat() == null || command.lng() == null) {
            throw DomainException.invalidField("incident.location-required", "lat",
                    "Give lat and lng (or a gridCode) for where the problem is");
        }
        CoordSystem system = command.coordSystem() == null ? CoordSystem.WGS84 : command.coordSystem();
        GeoPoint point = system.toWgs84(command.lat(), command.lng());
        Optional<GridNodeRef> grid = locator.gridAt(point);
        if (grid.isPresent()) {
            return new Located(grid.get(), point.lat(), point.lng(), false);
        }
        GridNodeRef intake = (properties.intakeGridCode() == null ? Optional.<GridNodeRef>empty()
                : grids.byCode(properties.intakeGridCode())).or(grids::firstRoot)
            .orElseThrow(() -> DomainException.ruleViolation("incident.no-intake", "lat",
                    "The point is outside every grid and no intake grid exists"));
        return new Located(intake, point.lat(), point.lng(), true);
    }

    /** The grid's own worker; else up to the general grid's; else the community (no named person). */
    private Holder holderFor(GridNodeRef grid) {
        Optional<StaffView> worker = grids.worker(grid.id());
        if (worker.isPresent()) {
            return new Holder(grid, worker.get().personName());
        }
        List<GridNodeRef> chain = grids.chain(grid.id());
        for (int i = chain.size() - 2; i >= 0; i--) {
            GridNodeRef ancestor = chain.get(i);
            if (ancestor.type() == GridType.GENERAL_GRID) {
                Optional<StaffView> general = grids.worker(ancestor.id());
                if (general.isPresent()) {
                    return new Holder(ancestor, general.get().personName());
                }
            }
            if (ancestor.type() == GridType.COMMUNITY || ancestor.type() == GridType.STREET) {
                return new Holder(ancestor, grids.worker(ancestor.id()).map(StaffView::personName).orElse(null));
            }
        }
        return new Holder(grid, null);
    }

    /** Reports not yet final of the same category within the configured radius and window. */
    private List<ReportResult.PossibleDuplicate> duplicates(Incident incident) {
        if (incident.getLat() == null || incident.getLng() == null) {
            return List.of();
        }
        double radius = properties.duplicateRadiusMetres();
        double dLat = radius / 110_574.0;
        double dLng = radius / (111_320.0 * Math.cos(Math.toRadians(incident.getLat())));
        return incidents.notFinalNear(incident.getCategoryCode(),
                incident.getCreatedAt().minus(properties.duplicateWindow()), incident.getLat() - dLat,
                incident.getLat() + dLat, incident.getLng() - dLng, incident.getLng() + dLng)
            .stream()
            .filter(other -> !other.getId().equals(incident.getId()))
            .map(other -> views.possibleDuplicate(other,
                    Math.round(distance(incident.getLat(), incident.getLng(), other.getLat(), other.getLng()))))
            .filter(candidate -> candidate.distanceMetres() <= radius)
            .toList();
    }

    /** Great-circle distance in metres. */
    static double distance(double lat1, double lng1, double lat2, double lng2) {
        double r = 6_371_000;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    /**
     * {@code SS<yyMMdd>-XXXXXX}: the day and six characters spelling the next number of a sequence through a bijection
     * of 30 bits ({@link #scramble}), so two reports never draw the same code (a billion numbers before the six
     * characters repeat, and then on another day). Codes drawn at random by earlier versions may still be taken: the
     * next number is used then, so a report never fails on its code. Drawn by the database in one statement
     * ({@code next_incident_tracking_code}).
     */
    private String trackingCode(Instant now) {
        return incidents.nextTrackingCode(DAY.format(now.atZone(WorkCalendar.ZONE)));
    }

    /** The code of a number; the database's {@code incident_tracking_code} is the same function. */
    static String trackingCode(String day, long number) {
        int bits = scramble(number);
        char[] chars = new char[6];
        for (int i = 5; i >= 0; i--) {
            chars[i] = CODE_ALPHABET[bits & 31];
            bits >>>= 5;
        }
        return "SS" + day + "-" + new String(chars);
    }

    /** A bijection of the 30-bit numbers that looks random: odd multipliers, an offset, xor-shifts. */
    static int scramble(long number) {
        int mask = (1 << 30) - 1;
        int x = (int) ((number * 0x2545F491L + 0x1B873593L) & mask);
        x ^= x >>> 15;
        x = (int) ((x * 0x3C6EF35FL) & mask);
        x ^= x >>> 13;
        return x & mask;
    }
}
