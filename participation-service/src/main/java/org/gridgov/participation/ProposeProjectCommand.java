package org.gridgov.participation;

import java.math.BigDecimal;
import java.util.List;

/**
 * A new micro-governance project.
 *
 * @param gridId the community, or a grid in it
 * @param partnerIds 益·社 community partners by id (the points mall's partners), at most 20
 * @param budgetYuan the budget in yuan, at most two decimals
 * @param budgetSource {@code COMMUNITY_FUND}, {@code STREET}, {@code SOCIAL} or {@code RESIDENTS}
 */
public record ProposeProjectCommand(Long gridId, String title, String description, List<Long> partnerIds,
        BigDecimal budgetYuan, String budgetSource) {
}
