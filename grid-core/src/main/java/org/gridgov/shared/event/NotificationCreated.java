package org.gridgov.shared.event;

import java.time.Instant;

import org.gridgov.shared.notification.NotificationKind;
import org.gridgov.shared.notification.Recipient;

/**
 * A notification was written (in the transaction of the change it reports). The integration module turns it into a
 * {@code notification.created} webhook, so a city's SMS / 企业微信 / 钉钉 gateway can deliver it.
 *
 * @param gridPath where it happened; null when it concerns no grid
 */
public record NotificationCreated(long notificationId, NotificationKind kind, Recipient recipient, String subjectType,
        Long subjectId, String subjectRef, String message, String gridPath, Instant createdAt) {
}
