package org.gridgov.participation;

import java.time.Instant;
import java.util.List;

/**
 * A deliberation topic (议事): its supports against the threshold, its state ({@code OPEN}, {@code ON_AGENDA} once
 * the supports reach the threshold, {@code DECIDED}), the decision and its follow-up. A resident is shown as "居民",
 * never by name. {@code comments} and {@code timeline} are filled for one topic, empty in lists.
 *
 * @param supportedByMe whether the caller supports it
 * @param followUp {@code NONE}, {@code INCIDENT} (an incident was asked for) or {@code MICRO_PROJECT}
 */
public record TopicView(long id, long gridId, long communityId, String title, String body, String raisedBy,
        boolean raisedByStaff, int supportThreshold, int supports, String state, boolean supportedByMe,
        String decision, String decidedBy, Instant decidedAt, String followUp, String followUpNote, Instant createdAt,
        List<Comment> comments, List<TimelineEntry> timeline) {

    public record Comment(long id, String author, String body, Instant createdAt) {
    }

    /** @param kind {@code RAISED}, {@code ON_AGENDA}, {@code DECIDED}, {@code FOLLOWED_UP} */
    public record TimelineEntry(String kind, String detail, String actor, Instant at) {
    }
}
