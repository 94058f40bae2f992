package org.gridgov.points.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.points.MallService;
import org.gridgov.points.PointsExpiry;
import org.gridgov.points.PointsProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The points jobs: expire redemptions not verified in time (hold voided, stock released) and expire old points. Each
 * runs on one node at a time (ShedLock) and takes its rows with SKIP LOCKED or by idempotent entries, so a second run
 * never doubles anything; restart-safe because the state is in the rows.
 */
@Component
public class PointsJobs {

    private static final Logger log = LoggerFactory.getLogger(PointsJobs.class);
    private static final int BATCH = 200;

    private final MallService mall;
    private final PointsExpiry expiry;
    private final PointsProperties properties;
    private final Clock clock;

    PointsJobs(MallService mall, PointsExpiry expiry, PointsProperties properties, Optional<Clock> clock) {
        this.mall = mall;
        this.expiry = expiry;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${gridgov.points.redemption-expiry-interval:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "points-redemption-expiry", lockAtMostFor = "PT10M")
    public void expireRedemptions() {
        int total = 0;
        int expired;
        do {
            expired = mall.expireOverdue(BATCH);
            total += expired;
        }
        while (expired == BATCH);
        if (total > 0) {
            log.info("Expired {} redemptions not verified in time; points released, stock returned", total);
        }
    }

    @Scheduled(fixedDelayString = "${gridgov.points.expiry-job-interval:PT6H}", initialDelayString = "PT2M")
    @SchedulerLock(name = "points-expiry", lockAtMostFor = "PT1H")
    public void expirePoints() {
        if (properties.expiryYears() <= 0) {
            return;
        }
        LocalDate cutoff = PointsExpiry.cutoff(LocalDate.now(clock), properties.expiryYears());
        long after = 0;
        while (after >= 0) {
            after = expiry.expireBatch(cutoff, after, BATCH);
        }
    }
}
