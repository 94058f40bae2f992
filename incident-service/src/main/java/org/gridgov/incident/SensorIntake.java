package org.gridgov.incident;

import java.util.List;
import java.util.Optional;

import org.gridgov.grid.CoordSystem;
import org.gridgov.incident.internal.IncidentSql;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.AuditLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sensor alarms (主动发现、智能预警、自动报警): a registered device's event opens an incident of the device's category at
 * its registered location; while that incident is open, further events of the device are added to its timeline
 * instead of opening another.
 */
@Service
@Transactional(readOnly = true)
public class SensorIntake {

    /** A registered device. */
    public record Device(String deviceId, String kind, String category, double lat, double lng, String place,
            boolean active) {
    }

    /** What an event did: opened an incident, or joined the one already open. */
    public record AlarmOutcome(boolean opened, IncidentView incident) {
    }

    private final JdbcTemplate jdbc;
    private final IncidentIntake intake;
    private final IncidentWorkflow workflow;
    private final IncidentQueries queries;
    private final AuditLog audit;

    SensorIntake(JdbcTemplate jdbc, IncidentIntake intake, IncidentWorkflow workflow, IncidentQueries queries,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.workflow = workflow;
        this.queries = queries;
        this.audit = audit;
    }

    @Transactional
    public Device register(Device device) {
        jdbc.update("""
                insert into sensor_device (device_id, kind, category_code, lat, lng, place, active)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (device_id) do update set kind = excluded.kind, category_code = excluded.category_code,
                    lat = excluded.lat, lng = excluded.lng, place = excluded.place, active = excluded.active""",
                device.deviceId(), device.kind(), device.category(), device.lat(), device.lng(), device.place(),
                device.active());
        audit.record("SENSOR_REGISTERED", "sensor_device", device.deviceId(), null, device.kind() + " at " + device.place());
        return device(device.deviceId()).orElseThrow();
    }

    public List<Device> devices() {
        return jdbc.query(SELECT + " order by device_id", SensorIntake::device);
    }

    /** Takes one alarm of a device. */
    @Transactional
    public AlarmOutcome alarm(String deviceId, String eventId, String detail) {
        Device device = device(deviceId).filter(Device::active).orElseThrow(() -> DomainException.ruleViolation(
                "incident.sensor.unknown-device", "deviceId", "No active registered device " + deviceId));
        Optional<Long> open = jdbc.queryForList("select id from incident where device_id = ? and "
                + IncidentSql.open("") + " for update", Long.class, deviceId)
            .stream().findFirst();
        Optional<Long> seen = eventId == null ? Optional.empty() : jdbc.queryForList(
                "select incident_id from incident_sensor_event where device_id = ? and event_id = ?", Long.class,
                deviceId, eventId).stream().findFirst();
        if (seen.isPresent()) {
            return new AlarmOutcome(false, queries.get(seen.get())); // the same event again: nothing new is written
        }
        if (open.isPresent()) {
            if (eventId != null && jdbc.update("insert into incident_sensor_event (device_id, event_id, incident_id) "
                    + "values (?, ?, ?) on conflict do nothing", deviceId, eventId, open.get()) == 0) {
                return new AlarmOutcome(false, queries.get(open.get()));
            }
            workflow.recordSensorRepeat(open.get(), detail);
            return new AlarmOutcome(false, queries.get(open.get()));
        }
        ReportResult result = intake.report(new ReportIncidentCommand(device.category(), IncidentSource.SENSOR_ALARM,
                device.kind() + " alarm at " + device.place() + (detail == null ? "" : ": " + detail), device.lat(),
                device.lng(), CoordSystem.WGS84, null, false, deviceId), "sensor:" + deviceId + ":" + eventId);
        if (eventId != null) {
            jdbc.update("insert into incident_sensor_event (device_id, event_id, incident_id) values (?, ?, ?) "
                    + "on conflict do nothing", deviceId, eventId, result.incident().id());
        }
        return new AlarmOutcome(true, result.incident());
    }

    private Optional<Device> device(String deviceId) {
        return jdbc.query(SELECT + " where device_id = ?", SensorIntake::device, deviceId).stream().findFirst();
    }

    private static final String SELECT = "select device_id, kind, category_code, lat, lng, place, active from sensor_device";

    private static Device device(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                rs.getString(6), rs.getBoolean(7));
    }
}
