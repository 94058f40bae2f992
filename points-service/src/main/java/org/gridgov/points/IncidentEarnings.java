package org.gridgov.points;

import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

import org.gridgov.shared.event.IncidentClosed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points for incidents, decided once per incident when it is CLOSED ({@link IncidentClosed}), not when it is
 * resolved: a resolution the reporter rejects reopens the incident and earns nothing, and whoever resolved it the
 * last time is the one credited. Nothing for an incident the resolver reported themselves, for one that closed
 * without the reporter's confirmation (auto-closed unrated; reports from sensors and other platforms, which nobody
 * confirms), for a late resolution, for the system or an integrator; at most
 * {@code gridgov.points.incident-monthly-cap} points per person and month. How many points is configuration
 * ({@code gridgov.points.incident-on-time-points}).
 * <p>
 * Every decision, paid or not, is a row of {@code incident_earning} keyed by the incident: a redelivered event finds
 * it and changes nothing, and the EARN entry's source ({@code incident:<id>}) is unique as before — an incident paid
 * at resolution under the earlier rule is not paid again when it closes.
 */
@Service
public class IncidentEarnings {

    /** Why an incident earned what it earned. */
    public enum Outcome {
        PAID, CAPPED, ALREADY_PAID, SELF_REPORTED, UNCONFIRMED, LATE, NO_RESOLVER, NO_RULE
    }

    private final JdbcTemplate jdbc;
    private final PointsLedger ledger;
    private final PointsProperties properties;

    IncidentEarnings(JdbcTemplate jdbc, PointsLedger ledger, PointsProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
    }

    /** Decides (once) what a closed incident earns whoever resolved it last, and posts it. */
    @Transactional
    public Outcome credit(IncidentClosed event) {
        Outcome refused = refusal(event);
        if (refused != null) {
            decide(event, refused, 0, null, null);
            return decided(event.incidentId());
        }
        int points = properties.incidentOnTimePoints();
        long person = ledger.personAccount(event.resolvedByAccountId(), event.resolvedBy());
        long issuance = ledger.issuanceAccount();
        // the person's account row serialises this person's earnings: the monthly cap holds under concurrent closes
        // and redeliveries; both rows in the one ascending order every transfer uses (no deadlock)
        ledger.lockAccounts(List.of(issuance, person));
        if (isDecided(event.incidentId())) {
            return decided(event.incidentId());
        }
        int award = points;
        int cap = properties.incidentMonthlyCap();
        if (cap > 0) {
            ZonedDateTime month = event.closedAt().atZone(ServiceRecordService.CHINA).withDayOfMonth(1).toLocalDate()
                .atStartOfDay(ServiceRecordService.CHINA);
            Long earned = jdbc.queryForObject("""
                    select coalesce(sum(points), 0) from incident_earning
                     where person_id = ? and closed_at >= ? and closed_at < ?""", Long.class,
                    event.resolvedByAccountId(), Timestamp.from(month.toInstant()),
                    Timestamp.from(month.plusMonths(1).toInstant()));
            award = (int) Math.max(0, Math.min(points, cap - earned));
        }
        String rule = "incident closed with the reporter's confirmation, resolved on time: " + points
                + " (gridgov.points.incident-on-time-points), at most " + cap
                + " a month (gridgov.points.incident-monthly-cap)";
        if (award == 0) {
            decide(event, Outcome.CAPPED, 0, rule, null);
            return Outcome.CAPPED;
        }
        String ref = "incident:" + event.incidentId();
        PostedEntry entry = ledger.post(Transfer.of(EntryType.EARN, ref, ref, "system", issuance, person, award)
            .withRule(rule).withGridPath(event.gridPath()).withMemo("事件办结 " + event.trackingCode()));
        if (entry.replayed()) {
            decide(event, Outcome.ALREADY_PAID, 0, rule, entry.entryId());
            return Outcome.ALREADY_PAID;
        }
        decide(event, Outcome.PAID, award, rule, entry.entryId());
        return Outcome.PAID;
    }

    private Outcome refusal(IncidentClosed event) {
        if (event.resolvedByAccountId() == null) {
            return Outcome.NO_RESOLVER;
        }
        if (Objects.equals(event.reporterAccountId(), event.resolvedByAccountId())) {
            return Outcome.SELF_REPORTED;
        }
        if (!event.confirmedByReporter()) {
            return Outcome.UNCONFIRMED;
        }
        if (!event.resolvedOnTime()) {
            return Outcome.LATE;
        }
        if (properties.incidentOnTimePoints() <= 0) {
            return Outcome.NO_RULE;
        }
        return null;
    }

    private void decide(IncidentClosed event, Outcome outcome, int points, String rule, Long entryId) {
        jdbc.update("""
                insert into incident_earning (incident_id, person_id, outcome, points, rule, entry_id, closed_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (incident_id) do nothing""", event.incidentId(),
                event.resolvedByAccountId(), outcome.name(), points, rule, outcome == Outcome.PAID ? entryId : null,
                Timestamp.from(event.closedAt()));
    }

    private boolean isDecided(long incidentId) {
        return !jdbc.queryForList("select 1 from incident_earning where incident_id = ?", Integer.class, incidentId)
            .isEmpty();
    }

    private Outcome decided(long incidentId) {
        return Outcome.valueOf(jdbc.queryForObject("select outcome from incident_earning where incident_id = ?",
                String.class, incidentId));
    }
}
