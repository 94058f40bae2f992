package org.gridgov.incident;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.incident.internal.Incident;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.crypto.DataCipher;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's contact kept with an incident for the call-back (a 12345 hotline's caller, an Open311 requester's
 * name, phone, e-mail and device): personal data, every field encrypted with the platform's personal-data keys
 * ({@link DataCipher}, the residents' cipher), each field bound to its column. Who sees it — its holders: the
 * reporter that sent it (the hotline's client) and grid staff whose scope covers the incident, unless the report is
 * anonymous (then only the reporter) — sees it masked; the full value takes a reveal with a reason, written to the
 * audit log ({@code PERSONAL_DATA_REVEALED}) like residents' data. Everyone else sees no contact at all.
 */
@Service
@Transactional(readOnly = true)
public class IncidentContacts {

    /** The fields, as a reveal names them, and their columns. */
    static final Map<String, String> FIELDS = Map.of("NAME", "name", "FIRST_NAME", "first_name", "LAST_NAME",
            "last_name", "PHONE", "phone", "EMAIL", "email", "DEVICE_ID", "device_id");

    /** The full value of one contact field, after an audited reveal. */
    public record RevealedContact(long incidentId, String field, String value) {
    }

    private final JdbcTemplate jdbc;
    private final DataCipher cipher;
    private final IncidentAccess access;
    private final AuditLog audit;

    IncidentContacts(JdbcTemplate jdbc, DataCipher cipher, IncidentAccess access,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.access = access;
        this.audit = audit;
    }

    /** Keeps the contact of a new incident, encrypted (nothing when it is empty). */
    void store(long incidentId, IncidentContact contact) {
        if (contact == null || contact.hasNone()) {
            return;
        }
        jdbc.update("insert into incident_contact (incident_id, name_enc, first_name_enc, last_name_enc, phone_enc, "
                + "email_enc, device_id_enc) values (?, ?, ?, ?, ?, ?, ?)", incidentId,
                encrypt(contact.name(), "name"), encrypt(contact.firstName(), "first_name"),
                encrypt(contact.lastName(), "last_name"), encrypt(contact.phone(), "phone"),
                encrypt(contact.email(), "email"), encrypt(contact.deviceId(), "device_id"));
    }

    /** Whether this viewer is one of the contact's holders (the incident is visible to them already). */
    static boolean holds(Incident incident, Caller viewer) {
        if (IncidentPeople.isReporter(incident, viewer)) {
            return true;
        }
        return !incident.isAnonymous() && viewer.role() != Role.INTEGRATOR
                && IncidentLifecycle.STAFF.contains(viewer.role());
    }

    /** The masked contacts of these incidents that the viewer holds, by incident id. */
    Map<Long, IncidentContact> masked(List<Incident> shown, Caller viewer) {
        List<Long> ids = shown.stream().filter(i -> holds(i, viewer)).map(Incident::getId).toList();
        Map<Long, IncidentContact> contacts = new HashMap<>();
        if (ids.isEmpty()) {
            return contacts;
        }
        jdbc.query("select incident_id, name_enc, first_name_enc, last_name_enc, phone_enc, email_enc, device_id_enc "
                + "from incident_contact where incident_id = any (?)", rs -> {
                    contacts.put(rs.getLong(1), new IncidentContact(
                            maskName(decrypt(rs.getBytes(2), "name")),
                            maskName(decrypt(rs.getBytes(3), "first_name")),
                            maskName(decrypt(rs.getBytes(4), "last_name")),
                            maskPhone(decrypt(rs.getBytes(5), "phone")),
                            maskEmail(decrypt(rs.getBytes(6), "email")),
                            maskDevice(decrypt(rs.getBytes(7), "device_id"))));
                }, (Object) ids.toArray(Long[]::new));
        return contacts;
    }

    /**
     * The full contact of an incident the caller reported itself (Open311's round trip: the client that posted the
     * contact reads it back on {@code GET requests/{id}}); null when the caller did not report it or there is none.
     * Audited as a reveal.
     */
    @Transactional
    public IncidentContact ofOwnReport(long incidentId) {
        Caller caller = access.caller();
        Incident incident = access.visible(incidentId, caller);
        if (!IncidentPeople.isReporter(incident, caller)) {
            return null;
        }
        IncidentContact contact = full(incidentId);
        if (contact != null) {
            audit.record("PERSONAL_DATA_REVEALED", "incident", Long.toString(incidentId), incident.getGridPath(),
                    "contact — returned to the client that sent it (Open311 GET requests/{id})");
        }
        return contact;
    }

    /**
     * The full value of one contact field, for a holder, with a reason; written to the audit log before it is
     * returned.
     *
     * @param field NAME, FIRST_NAME, LAST_NAME, PHONE, EMAIL or DEVICE_ID
     */
    @Transactional
    public RevealedContact reveal(long incidentId, String field, String reason) {
        String f = field == null ? "" : field.strip().toUpperCase(Locale.ROOT);
        String column = FIELDS.get(f);
        if (column == null) {
            throw DomainException.invalidField("incident.contact.reveal.field", "field",
                    "field must be NAME, FIRST_NAME, LAST_NAME, PHONE, EMAIL or DEVICE_ID");
        }
        if (reason == null || reason.strip().length() < 2 || reason.length() > 500) {
            throw DomainException.invalidField("incident.contact.reveal.reason-required", "reason",
                    "Say why you need the full value (2-500 characters)");
        }
        Caller caller = access.caller();
        Incident incident = access.visible(incidentId, caller);
        if (!holds(incident, caller)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "incident.contact.reveal.forbidden",
                    "Only the reporter that sent it and grid staff in scope may reveal the caller's contact");
        }
        List<byte[]> stored = jdbc.query("select " + column + "_enc from incident_contact where incident_id = ?",
                (rs, row) -> rs.getBytes(1), incidentId);
        if (stored.isEmpty() || stored.get(0) == null) {
            throw DomainException.notFound("incident.contact.not-found",
                    "Incident " + incident.getTrackingCode() + " has no " + f + " kept");
        }
        audit.record("PERSONAL_DATA_REVEALED", "incident", Long.toString(incidentId), incident.getGridPath(),
                "contact " + f + " — reason: " + reason.strip());
        return new RevealedContact(incidentId, f, decrypt(stored.get(0), column));
    }

    private IncidentContact full(long incidentId) {
        List<IncidentContact> found = jdbc.query("select name_enc, first_name_enc, last_name_enc, phone_enc, "
                + "email_enc, device_id_enc from incident_contact where incident_id = ?",
                (rs, row) -> new IncidentContact(decrypt(rs.getBytes(1), "name"), decrypt(rs.getBytes(2), "first_name"),
                        decrypt(rs.getBytes(3), "last_name"), decrypt(rs.getBytes(4), "phone"),
                        decrypt(rs.getBytes(5), "email"), decrypt(rs.getBytes(6), "device_id")),
                incidentId);
        return found.isEmpty() ? null : found.get(0);
    }

    private byte[] encrypt(String value, String column) {
        return value == null || value.isBlank() ? null : cipher.encrypt(value.strip(), "incident_contact." + column);
    }

    private String decrypt(byte[] stored, String column) {
        return stored == null ? null : cipher.decrypt(stored, "incident_contact." + column);
    }

    /** {@code 张小明} → {@code 张**}: the first character only. */
    static String maskName(String name) {
        if (name == null) {
            return null;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    /** {@code li.ming@example.org} → {@code l***@example.org}. */
    static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** {@code app:7f3c2a91} → {@code app:****}: the first four characters. */
    static String maskDevice(String device) {
        if (device == null) {
            return null;
        }
        return device.length() <= 4 ? "****" : device.substring(0, 4) + "****";
    }
}
