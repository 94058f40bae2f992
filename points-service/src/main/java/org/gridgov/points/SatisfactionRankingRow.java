package org.gridgov.points;

/**
 * One worker's place in a month's ranking by residents' satisfaction (居民满意网格员): the ratings of the incidents they
 * resolved, rated in the month.
 */
public record SatisfactionRankingRow(int rank, long personId, String name, long ratings, double averageStars) {
}
