package org.gridgov.platform.events;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Events between modules ({@code org.gridgov.shared.event}) are delivered to {@code @ApplicationModuleListener}s
 * asynchronously after commit, with Spring Modulith's JDBC event publication registry recording each delivery in the
 * publishing transaction. Publications a node did not complete (it crashed, or the listener failed) are resubmitted
 * here — by one node at a time (ShedLock), and only once they are older than the grace period, so a delivery still in
 * flight on another node is not duplicated in the normal case. Listeners are idempotent for the rare case it is.
 * Modulith's own "republish on restart" stays off: with several nodes it would replay the others' work.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class EventPublicationConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gridgov.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class EventPublicationJobs {

        private static final Logger log = LoggerFactory.getLogger(EventPublicationJobs.class);

        private final IncompleteEventPublications incomplete;
        private final Duration grace;

        EventPublicationJobs(IncompleteEventPublications incomplete,
                @Value("${gridgov.events.resubmit-after:PT5M}") Duration grace) {
            this.incomplete = incomplete;
            this.grace = grace;
        }

        @Scheduled(fixedDelayString = "${gridgov.events.resubmit-interval:PT1M}", initialDelayString = "PT30S")
        @SchedulerLock(name = "event-publication-resubmit", lockAtMostFor = "PT10M")
        void resubmitIncomplete() {
            log.debug("Resubmitting event publications incomplete for more than {}", grace);
            incomplete.resubmitIncompletePublicationsOlderThan(grace);
        }
    }
}
