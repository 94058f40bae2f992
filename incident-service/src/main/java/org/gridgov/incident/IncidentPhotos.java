package org.gridgov.incident;

import org.gridgov.shared.security.Role;
import java.util.List;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.blob.BlobStore;
import org.gridgov.shared.blob.Images;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Photos of incidents: JPEG, PNG, WebP or HEIC recognised by content (a renamed text file is refused), at most
 * {@code gridgov.incidents.max-photo-size}; EXIF (the GPS position) is removed before storing JPEG, PNG and WebP.
 * HEIC keeps its metadata and is shown to staff only, never to residents. Whoever may see an incident that is not
 * {@linkplain IncidentState#FINAL final} may add photos to it; every photo is a timeline entry.
 */
@Service
public class IncidentPhotos {

    /** Resident accounts never download what still carries metadata. */
    private static final String STRIPPED = "('image/jpeg', 'image/png', 'image/webp')";

    private final IncidentQueries incidents;
    private final IncidentWorkflow workflow;
    private final BlobStore blobs;
    private final JdbcTemplate jdbc;
    private final CallerProvider callers;
    private final long maxBytes;
    private final IncidentPeople people;

    IncidentPhotos(IncidentQueries incidents, IncidentWorkflow workflow, BlobStore blobs, JdbcTemplate jdbc,
            IncidentPeople people, CallerProvider callers, @Value("${gridgov.incidents.max-photo-size:10MB}") DataSize maxSize) {
        this.incidents = incidents;
        this.workflow = workflow;
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.callers = callers;
        this.people = people;
        this.maxBytes = maxSize.toBytes();
    }

    @Transactional
    public PhotoView add(long incidentId, byte[] content) {
        IncidentView incident = incidents.get(incidentId); // visible, or 404
        if (incident.state().isFinal()) {
            throw DomainException.conflict("incident.closed", "Photos can be added to open incidents only");
        }
        if (content == null || content.length == 0) {
            throw DomainException.invalidField("incident.photo.empty", "file", "The file is empty");
        }
        if (content.length > maxBytes) {
            throw new DomainException(DomainException.Kind.TOO_LARGE, "incident.photo.too-large",
                    "A photo may be at most " + maxBytes / (1024 * 1024) + " MB");
        }
        Images.Format format = Images.detect(content).orElseThrow(() -> new DomainException(
                DomainException.Kind.UNSUPPORTED_MEDIA_TYPE, "incident.photo.not-an-image",
                "Not a JPEG, PNG, WebP or HEIC image (judged by its content, not its name)"));
        byte[] stored = Images.withoutMetadata(format, content);
        String key = blobs.put(stored);
        Caller caller = callers.current();
        Long id = jdbc.queryForObject("""
                insert into incident_photo (incident_id, blob_key, media_type, size_bytes, uploaded_by,
                                            uploaded_by_account_id, uploaded_by_role, uploaded_by_display)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, incidentId, key, format.mediaType(),
                stored.length, caller.username(), caller.accountId(), caller.role().name(), people.display(caller));
        workflow.recordPhoto(incidentId, id);
        return get(incidentId, id);
    }

    public List<PhotoView> list(long incidentId) {
        incidents.get(incidentId);
        return jdbc.query(SELECT + " where p.incident_id = ?" + residentFilter() + " order by p.id", this::view,
                viewerName(), incidentId);
    }

    /** The stored bytes and their media type. */
    public record Photo(String mediaType, byte[] content) {
    }

    public Photo content(long incidentId, long photoId) {
        incidents.get(incidentId);
        List<String[]> found = jdbc.query("select p.blob_key, p.media_type from incident_photo p where p.incident_id = ? and p.id = ?"
                + residentFilter(), (rs, row) -> new String[] { rs.getString(1), rs.getString(2) }, incidentId, photoId);
        if (found.isEmpty()) {
            throw DomainException.notFound("incident.photo.not-found", "No photo " + photoId);
        }
        byte[] bytes = blobs.get(found.get(0)[0])
            .orElseThrow(() -> DomainException.notFound("incident.photo.not-found", "No photo " + photoId));
        return new Photo(found.get(0)[1], bytes);
    }

    private PhotoView get(long incidentId, long photoId) {
        return jdbc.queryForObject(SELECT + " where p.incident_id = ? and p.id = ?", this::view, viewerName(), incidentId,
                photoId);
    }

    private String viewerName() {
        Caller caller = callers.current();
        return caller == null ? "" : caller.username();
    }

    private String residentFilter() {
        Caller caller = callers.current();
        return caller != null && caller.hasRole(Role.RESIDENT) ? " and p.media_type in " + STRIPPED : "";
    }

    /** Who uploaded it, as the viewer may see them (never a login; the anonymous reporter as 匿名居民). */
    private static final String SELECT = """
            select p.id, p.media_type, p.size_bytes,
                   coalesce(p.uploaded_by_display, case when p.uploaded_by = i.reporter_username then '居民'
                                                        else '工作人员' end),
                   p.uploaded_at, p.uploaded_by = i.reporter_username and i.anonymous, p.uploaded_by = ?
              from incident_photo p join incident i on i.id = p.incident_id""";

    private PhotoView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Caller viewer = callers.current();
        boolean hidden = rs.getBoolean(6) && !rs.getBoolean(7) && viewer.role() != Role.SYSTEM_ADMIN;
        return new PhotoView(rs.getLong(1), rs.getString(2), rs.getInt(3), hidden ? IncidentPeople.ANONYMOUS
                : rs.getString(4), rs.getTimestamp(5).toInstant());
    }
}
