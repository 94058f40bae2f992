package org.gridgov.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.List;

import org.gridgov.shared.event.VolunteerServiceConfirmed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Volunteering at a community activity, confirmed by the participation module ({@link VolunteerServiceConfirmed}),
 * becomes an approved {@code VOLUNTEER_HOURS} service record of the volunteer and its points: the rule in force
 * (points per hour), within the type's monthly cap, like a service record approved in the review queue. Once per
 * sign-up however often the event is delivered: the record's idempotency key is the sign-up, and the ledger entry's
 * source is the record.
 */
@Service
public class VolunteerEarnings {

    static final String TYPE = "VOLUNTEER_HOURS";

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final ServiceRecordService services;

    VolunteerEarnings(JdbcTemplate jdbc, PointsLedger ledger, ServiceRecordService services) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.services = services;
    }

    /** Records and pays the volunteering; returns the points awarded (0 when capped or already recorded). */
    @Transactional
    public long credit(VolunteerServiceConfirmed event) {
        ServiceTypeView type = services.type(TYPE);
        long person = ledger.personAccount(event.personId(), event.personName());
        long issuance = ledger.issuanceAccount();
        // the person's account row serialises this person's earnings (cap) and redeliveries
        ledger.lockAccounts(List.of(issuance, person));
        String key = "volunteer-service:" + event.signupId();
        List<Long> inserted = jdbc.queryForList("""
                insert into service_record (type_code, worker_id, worker_name, grid_id, grid_path, performed_at, hours,
                    place, description, state, reviewed_by, reviewed_at, review_note, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'APPROVED', ?, now(), ?, ?)
                on conflict (worker_id, idempotency_key) do nothing returning id""", Long.class, TYPE,
                event.personId(), event.personName(), event.gridId(), event.gridPath(),
                Timestamp.from(event.performedAt()), event.hours(), event.activityTitle(),
                "活动志愿服务：" + event.activityTitle(), event.confirmedBy(), "confirmed at activity "
                        + event.activityId(), key);
        if (inserted.isEmpty() || !type.active()) {
            return 0;
        }
        long id = inserted.get(0);
        long rulePoints = event.hours().multiply(BigDecimal.valueOf(type.points())).setScale(0, RoundingMode.DOWN)
            .longValue();
        long award = rulePoints;
        if (type.monthlyCap() != null) {
            ZonedDateTime monthStart = event.performedAt().atZone(ServiceRecordService.CHINA).withDayOfMonth(1)
                .toLocalDate().atStartOfDay(ServiceRecordService.CHINA);
            Long earned = jdbc.queryForObject("""
                    select coalesce(sum(points_awarded), 0) from service_record
                     where worker_id = ? and type_code = ? and state = 'APPROVED' and reviewed_at >= ?""", Long.class,
                    event.personId(), TYPE, Timestamp.from(monthStart.toInstant()));
            award = Math.max(0, Math.min(rulePoints, type.monthlyCap() - earned));
        }
        Long entryId = null;
        if (award > 0) {
            PostedEntry entry = ledger.post(Transfer.of(EntryType.EARN, "service-record:" + id,
                    "service-record:" + id, event.confirmedBy(), issuance, person, award)
                .withRule(type.ruleText()).withGridPath(event.gridPath()).withMemo(type.name()));
            entryId = entry.entryId();
        }
        jdbc.update("update service_record set points_awarded = ?, entry_id = ? where id = ?", (int) award, entryId,
                id);
        return award;
    }
}
