package org.gridgov.participation;

import java.time.Instant;

/**
 * A check-in code to show at the door as a QR code: signed with the activity's key (HMAC-SHA256), valid until
 * {@code expiresAt}, accepted once.
 */
public record CheckInCode(long activityId, String code, Instant expiresAt) {
}
