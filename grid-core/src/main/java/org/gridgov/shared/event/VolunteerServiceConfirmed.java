package org.gridgov.shared.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A volunteer's service at a community activity was confirmed by the community's staff after the volunteer checked
 * in: {@code hours} of volunteering by {@code personId}. Published by the participation module inside the confirming
 * transaction and recorded in the event publication registry; the points module turns it into an approved
 * {@code VOLUNTEER_HOURS} service record and its Happiness Card points (by the rule in force, within the monthly
 * cap). Published once per sign-up (hours are confirmed once); listeners are idempotent on {@link #signupId()}.
 *
 * @param gridId the grid the activity belongs to
 * @param gridPath that grid's materialized path
 * @param performedAt when the activity started
 * @param confirmedBy the confirming staff member's login name
 */
public record VolunteerServiceConfirmed(long signupId, long activityId, String activityTitle, long personId,
        String personName, long gridId, String gridPath, BigDecimal hours, Instant performedAt, String confirmedBy) {
}
