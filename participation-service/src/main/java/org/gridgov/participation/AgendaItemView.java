package org.gridgov.participation;

import java.time.Instant;

/** A topic on a community's meeting agenda (社区议事会), put there when its supports reached the threshold. */
public record AgendaItemView(long id, long communityId, long topicId, String title, int supports, String state,
        Instant addedAt) {
}
