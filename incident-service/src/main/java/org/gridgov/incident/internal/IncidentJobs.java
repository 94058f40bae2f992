package org.gridgov.incident.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.incident.IncidentEscalation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The incident jobs: escalate what is overdue for acceptance, close what the reporter did not rate. Each runs on one
 * node at a time (ShedLock on PostgreSQL) and its rows are taken with FOR UPDATE SKIP LOCKED, so even a job started
 * by hand next to the scheduled one never moves an incident twice. Restart-safe: the state is in the rows.
 */
@Component
public class IncidentJobs {

    private static final Logger log = LoggerFactory.getLogger(IncidentJobs.class);
    private static final int BATCH = 500;

    private final IncidentEscalation escalation;

    IncidentJobs(IncidentEscalation escalation) {
        this.escalation = escalation;
    }

    @Scheduled(fixedDelayString = "${gridgov.incidents.escalation-interval:PT1M}", initialDelayString = "PT20S")
    @SchedulerLock(name = "incident-escalation", lockAtMostFor = "PT10M")
    public void escalateOverdue() {
        int total = 0;
        int escalated;
        do {
            escalated = escalation.escalateOverdue(BATCH);
            total += escalated;
        }
        while (escalated == BATCH);
        if (total > 0) {
            log.info("Acted on {} incidents overdue for acceptance", total);
        }
        int resolution = escalation.actOnResolutionOverdue(BATCH);
        int checkIns = escalation.actOnCheckInOverdue(BATCH);
        if (resolution + checkIns > 0) {
            log.info("Acted on {} incidents overdue for resolution and {} missed check-ins", resolution, checkIns);
        }
    }

    @Scheduled(fixedDelayString = "${gridgov.incidents.auto-close-interval:PT10M}", initialDelayString = "PT40S")
    @SchedulerLock(name = "incident-auto-close", lockAtMostFor = "PT10M")
    public void closeUnrated() {
        int closed = escalation.closeUnrated(BATCH);
        if (closed > 0) {
            log.info("Closed {} resolved incidents that were not rated in time", closed);
        }
    }
}
