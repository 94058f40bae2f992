package org.gridgov.shared.notification;

/**
 * The port every module notifies through (implemented by {@link NotificationInbox}). A notification is written in the
 * caller's transaction — it exists exactly when the change it reports commits — and announced as
 * {@link org.gridgov.shared.event.NotificationCreated} (the webhook outbox listens), then streamed to the recipients
 * who are connected.
 */
public interface Notifier {

    /**
     * @param subjectType what it is about ({@code incident}, {@code service-record}, {@code grant}); may be null
     * @param subjectId that thing's id
     * @param subjectRef its code people read (a tracking code); may be null
     * @param gridPath where it happened, so that webhook subscriptions narrowed to a subtree see it; may be null
     * @return the notification's id
     */
    long notify(Recipient recipient, NotificationKind kind, String subjectType, Long subjectId, String subjectRef,
            String message, String gridPath);
}
