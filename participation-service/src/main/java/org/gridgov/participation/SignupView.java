package org.gridgov.participation;

import java.math.BigDecimal;
import java.time.Instant;

/** One person's sign-up to an activity: as a participant or a volunteer, signed up or waiting, checked in or not. */
public record SignupView(long id, long activityId, String activityTitle, Instant startsAt, long personId,
        String personName, String role, String state, Instant checkedInAt, BigDecimal hoursConfirmed) {
}
