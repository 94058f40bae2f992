package org.gridgov.participation;

import java.time.Instant;
import java.util.List;

/**
 * A micro-governance project as the public list of a street shows it: no person's name or account, only the
 * project, its community, partners, budget and progress.
 */
public record PublicProjectView(long id, String title, String description, long communityId, String communityName,
        List<String> partners, String budgetYuan, String budgetSource, String state, int progress, int milestones,
        int ratings, Double averageRating, Instant approvedAt, Instant completedAt) {
}
