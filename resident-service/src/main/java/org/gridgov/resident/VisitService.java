package org.gridgov.resident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.StaffView;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.blob.BlobStore;
import org.gridgov.shared.blob.Images;
import org.gridgov.shared.event.IncidentRequested;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Visits (走访) to people under three-colour care: recorded by grid workers with time, place, notes, photos and
 * findings; a finding can request an incident ({@link IncidentRequested}, handled by the incident module). The care
 * level sets the interval ({@code gridgov.residents.care.*}); who is past it is the work list, per worker and grid.
 */
@Service
@Transactional(readOnly = true)
public class VisitService {

    private final JdbcTemplate jdbc;
    private final ResidentService residents;
    private final GridDirectory grids;
    private final DataScopeProvider scopes;
    private final CallerProvider callers;
    private final ApplicationEventPublisher events;
    private final BlobStore blobs;
    private final ResidentProperties properties;
    private final Clock clock;
    private final long maxPhotoBytes;

    VisitService(JdbcTemplate jdbc, ResidentService residents, GridDirectory grids, DataScopeProvider scopes,
            CallerProvider callers, ApplicationEventPublisher events, BlobStore blobs, ResidentProperties properties,
            Optional<Clock> clock, @Value("${gridgov.incidents.max-photo-size:10MB}") DataSize maxPhotoSize) {
        this.jdbc = jdbc;
        this.residents = residents;
        this.grids = grids;
        this.scopes = scopes;
        this.callers = callers;
        this.events = events;
        this.blobs = blobs;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.maxPhotoBytes = maxPhotoSize.toBytes();
    }

    @Transactional
    public VisitView record(long residentId, RecordVisitCommand command) {
        ResidentView resident = residents.get(residentId);
        Instant now = clock.instant();
        Instant at = command.visitedAt() == null ? now : command.visitedAt();
        if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw DomainException.invalidField("resident.visit.future", "visitedAt", "visitedAt is in the future");
        }
        if (at.isBefore(now.minus(Duration.ofDays(60)))) {
            throw DomainException.ruleViolation("resident.visit.too-old", "visitedAt",
                    "Visits are recorded within 60 days");
        }
        if ((command.lat() == null) != (command.lng() == null)) {
            throw DomainException.invalidField("resident.visit.position", "lat", "Send both lat and lng, or neither");
        }
        List<RecordVisitCommand.Finding> findings = command.findings() == null ? List.of() : command.findings();
        for (int i = 0; i < findings.size(); i++) {
            var finding = findings.get(i);
            if (finding == null || finding.description() == null || finding.description().isBlank()) {
                throw DomainException.invalidField("resident.visit.finding", "findings[" + i + "].description",
                        "A finding needs a description");
            }
        }
        Caller caller = callers.current();
        long gridId = resident.grid().id();
        Long id = jdbc.queryForObject("""
                insert into resident_visit (person_id, visited_at, visitor, lat, lng, place, notes, grid_id, grid_path)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, residentId, Timestamp.from(at),
                caller.username(), command.lat(), command.lng(), HousingService.blankToNull(command.place()),
                HousingService.blankToNull(command.notes()), gridId, grids.pathOf(gridId));
        jdbc.update("update resident_person set last_visit_at = greatest(last_visit_at, ?) where id = ?",
                Timestamp.from(at), residentId);
        Long livingDwelling = resident.residences().stream()
            .filter(r -> r.movedOut() == null && r.kind().equals("LIVING")).findFirst()
            .map(ResidentView.ResidenceView::dwellingId).orElse(null);
        for (var finding : findings) {
            UUID key = finding.openIncident() ? UUID.randomUUID() : null;
            String category = finding.incidentCategory() == null || finding.incidentCategory().isBlank() ? "ELDERLY_HELP"
                    : finding.incidentCategory().strip();
            jdbc.update("""
                    insert into resident_visit_finding (visit_id, description, incident_category, incident_request_key)
                    values (?, ?, ?, ?)""", id, finding.description().strip(), finding.openIncident() ? category : null,
                    key);
            if (key != null) {
                // the resident travels as a reference, never by name: integrators and departments read incidents
                events.publishEvent(new IncidentRequested(key, "RESIDENT_VISIT", category,
                        "走访发现：" + finding.description().strip(), gridId, command.lat(), command.lng(),
                        caller.accountId(), caller.username(), caller.role(), caller.scopeNodeId(), now, residentId,
                        livingDwelling));
            }
        }
        return visits(residentId).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    public List<VisitView> visits(long residentId) {
        residents.get(residentId);
        Map<Long, List<VisitView.FindingView>> findings = new HashMap<>();
        jdbc.query("""
                select f.visit_id, f.id, f.description, f.incident_category, f.incident_request_key is not null
                  from resident_visit_finding f join resident_visit v on v.id = f.visit_id
                 where v.person_id = ? order by f.id""", rs -> {
            findings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new VisitView.FindingView(
                    rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
        }, residentId);
        Map<Long, List<Long>> photos = new HashMap<>();
        jdbc.query("""
                select p.visit_id, p.id from resident_visit_photo p join resident_visit v on v.id = p.visit_id
                 where v.person_id = ? order by p.id""", rs -> {
            photos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }, residentId);
        return jdbc.query("""
                select id, visited_at, visitor, lat, lng, place, notes from resident_visit where person_id = ?
                 order by visited_at desc, id desc""", (rs, row) -> new VisitView(rs.getLong(1), residentId,
                rs.getTimestamp(2).toInstant(), rs.getString(3), (Double) rs.getObject(4), (Double) rs.getObject(5),
                rs.getString(6), rs.getString(7), findings.getOrDefault(rs.getLong(1), List.of()),
                photos.getOrDefault(rs.getLong(1), List.of())), residentId);
    }

    /** A photo of a visit: an image by content, metadata (GPS) removed before storing. */
    @Transactional
    public long addPhoto(long visitId, byte[] content) {
        long residentId = visitResident(visitId);
        residents.get(residentId);
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("resident.visit.photo-empty", "file", "The file is empty");
        }
        if (content.length > maxPhotoBytes) {
            throw new DomainException(DomainException.Kind.TOO_LARGE, "resident.visit.photo-too-large",
                    "A photo may be at most " + maxPhotoBytes + " bytes");
        }
        Images.Format format = Images.detect(content).orElseThrow(() -> new DomainException(
                DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "resident.visit.not-an-image",
                "Not a JPEG, PNG, WebP or HEIC image (judged by its content)"));
        byte[] stored = Images.withoutMetadata(format, content);
        String key = blobs.put(stored);
        return jdbc.queryForObject("""
                insert into resident_visit_photo (visit_id, blob_key, media_type, size_bytes, uploaded_by)
                values (?, ?, ?, ?, ?) returning id""", Long.class, visitId, key, format.mediaType(), stored.length,
                callers.current().username());
    }

    /** The media type and bytes of a visit photo. */
    public record Photo(String mediaType, byte[] content) {
    }

    public Photo photo(long visitId, long photoId) {
        residents.get(visitResident(visitId));
        List<String[]> found = jdbc.query("select blob_key, media_type from resident_visit_photo where visit_id = ? "
                + "and id = ?", (rs, row) -> new String[] { rs.getString(1), rs.getString(2) }, visitId, photoId);
        if (found.isEmpty()) {
            throw DomainException.notFound("resident.visit.photo-not-found", "No photo " + photoId);
        }
        return new Photo(found.get(0)[1], blobs.get(found.get(0)[0])
            .orElseThrow(() -> DomainException.notFound("resident.visit.photo-not-found", "No photo " + photoId)));
    }

    private long visitResident(long visitId) {
        List<Long> found = jdbc.queryForList("select person_id from resident_visit where id = ?", Long.class, visitId);
        if (found.isEmpty()) {
            throw DomainException.notFound("resident.visit.not-found", "No visit " + visitId);
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------- work list

    private static final String DUE = """
            coalesce(p.last_visit_at, p.care_set_at) + case p.care_level when 'RED' then ?::interval
                 when 'YELLOW' then ?::interval else ?::interval end""";

    private List<Object> intervals() {
        var care = properties.care();
        return new ArrayList<>(List.of(care.red().toSeconds() + " seconds", care.yellow().toSeconds() + " seconds",
                care.green().toSeconds() + " seconds"));
    }

    /**
     * People under care in the caller's scope (optionally under {@code nodeId}) who are past their visit interval,
     * longest overdue first. Never visited counts from when the level was set.
     */
    public PageResult<OverdueVisit> overdue(Long nodeId, int page, int size) {
        return overdue(nodeId, Duration.ZERO, page, size);
    }

    /**
     * As {@link #overdue(Long, int, int)}, and also those whose visit falls due within {@code dueWithin} from now
     * (their {@code daysOverdue} is then zero or negative): the phone's list of what is late and what comes next.
     */
    public PageResult<OverdueVisit> overdue(Long nodeId, Duration dueWithin, int page, int size) {
        Instant now = clock.instant();
        Instant cutoff = now.plus(dueWithin);
        List<Object> baseArgs = new ArrayList<>();
        String where = scopeWhere(nodeId, baseArgs);
        baseArgs.addAll(intervals());
        baseArgs.add(Timestamp.from(cutoff));
        String base = " from resident_person p " + where + " and p.care_level is not null and " + DUE + " < ?";
        Long total = jdbc.queryForObject("select count(*)" + base, Long.class, baseArgs.toArray());
        List<Object> pageArgs = intervals();
        pageArgs.addAll(baseArgs);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        Map<Long, String> workers = new HashMap<>();
        List<OverdueVisit> items = jdbc.query("select p.id, p.name, p.care_level, p.care_reason, p.last_visit_at, "
                + DUE + " as due_at, p.grid_id" + base + " order by due_at, p.id limit ? offset ?", (rs, row) -> {
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    long gridId = rs.getLong("grid_id");
                    Timestamp last = rs.getTimestamp("last_visit_at");
                    return new OverdueVisit(rs.getLong(1), rs.getString(2), CareLevel.valueOf(rs.getString(3)),
                            rs.getString(4), last == null ? null : last.toInstant(), due,
                            Duration.between(due, now).toDays(), grids.byId(gridId).orElse(null),
                            workers.computeIfAbsent(gridId, this::workerName));
                }, pageArgs.toArray());
        long count = total == null ? 0 : total;
        return new PageResult<>(items, page, size, count, (int) ((count + size - 1) / size));
    }

    /** Per grid in the caller's scope (optionally under {@code nodeId}): people under care and overdue, with the worker. */
    public List<OverdueVisit.GridSummary> overdueByGrid(Long nodeId) {
        List<Object> args = intervals();
        args.add(Timestamp.from(clock.instant()));
        List<Object> whereArgs = new ArrayList<>();
        String where = scopeWhere(nodeId, whereArgs);
        args.addAll(whereArgs);
        return jdbc.query("select p.grid_id, count(*), count(*) filter (where " + DUE + " < ?) from resident_person p "
                + where + " and p.care_level is not null group by p.grid_id order by 3 desc, 1",
                (rs, row) -> new OverdueVisit.GridSummary(grids.byId(rs.getLong(1)).orElse(null),
                        workerName(rs.getLong(1)), rs.getLong(2), rs.getLong(3)), args.toArray());
    }

    private String scopeWhere(Long nodeId, List<Object> args) {
        DataScope scope = scopes.current();
        SqlPredicate visible = scope.sql("p.grid_path");
        StringBuilder where = new StringBuilder(" where ").append(visible.sql());
        args.addAll(visible.args());
        if (nodeId != null) {
            Optional<GridNodeRef> grid = grids.byId(nodeId);
            if (grid.isEmpty() || !scope.covers(grids.pathOf(nodeId))) {
                throw DomainException.notFound("resident.grid.not-found", "No grid " + nodeId);
            }
            PathRange.under(grids.pathOf(nodeId)).sql("p.grid_path").appendTo(where, args);
        }
        return where.toString();
    }

    private String workerName(long gridId) {
        return grids.worker(gridId).map(StaffView::personName).orElse(null);
    }
}
