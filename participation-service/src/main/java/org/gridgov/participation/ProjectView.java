package org.gridgov.participation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A micro-governance project (微治理项目) as staff and the community's residents see it.
 *
 * @param streetId the street the community lies in now
 * @param state {@code PROPOSED}, {@code APPROVED}, {@code REJECTED}, {@code IN_PROGRESS}, {@code COMPLETED}
 * @param budgetFen the budget in fen (1 yuan = 100 fen); null while a project from a topic has none yet
 * @param budgetYuan the same in yuan, two decimals ("12000.00")
 * @param budgetSource {@code COMMUNITY_FUND} (社区保障资金), {@code STREET} (街道), {@code SOCIAL} (社会资金) or
 *        {@code RESIDENTS} (居民自筹)
 * @param topicId the deliberation topic it came from, if any
 * @param progress 0–100, the latest milestone's
 * @param milestones filled for one project, empty in lists
 */
public record ProjectView(long id, long gridId, long communityId, Long streetId, String title, String description,
        Long budgetFen, String budgetYuan, String budgetSource, String state, Long topicId, List<Partner> partners,
        String proposedBy, String decidedBy, Instant decidedAt, String decisionNote, Instant startedAt,
        Instant completedAt, int progress, int ratings, Double averageRating, Integer myRating, Instant createdAt,
        List<Milestone> milestones) {

    public record Partner(long id, String name) {
    }

    /** @param photoIds its photos, at {@code GET /api/v1/participation/projects/{id}/photos/{photoId}} */
    public record Milestone(long id, String title, String note, LocalDate reachedOn, int progress, String recordedBy,
            List<Long> photoIds) {
    }
}
