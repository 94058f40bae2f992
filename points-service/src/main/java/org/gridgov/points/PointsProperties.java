package org.gridgov.points;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Points settings.
 *
 * @param poolShards sub-accounts per welfare pool, so donations into one busy pool do not queue on one row (the pool's
 *        balance is their sum); 1 disables the split
 * @param issuanceShards how many of the seeded issuance sub-accounts (at most 16) earnings spread over
 * @param redemptionValidity how long a redemption code may be verified before it expires and is refunded
 * @param incidentOnTimePoints points for an incident resolved on time and closed with the reporter's confirmation,
 *        to whoever resolved it last (0: none); the rule lives here, in configuration
 * @param incidentMonthlyCap at most this many incident points per person and calendar month (Asia/Shanghai);
 *        0: no cap
 * @param expiryYears points expire at the end of this many calendar years counting the year they were earned in
 *        (2: earned in 2026, gone after 31 December 2027); 0 disables expiry
 */
@ConfigurationProperties("gridgov.points")
public record PointsProperties(@DefaultValue("32") int poolShards, @DefaultValue("16") int issuanceShards,
        @DefaultValue("P14D") Duration redemptionValidity, @DefaultValue("5") int incidentOnTimePoints,
        @DefaultValue("2") int expiryYears, @DefaultValue("100") int incidentMonthlyCap) {

    public PointsProperties {
        poolShards = Math.max(1, poolShards);
        issuanceShards = Math.max(1, Math.min(16, issuanceShards));
    }
}
