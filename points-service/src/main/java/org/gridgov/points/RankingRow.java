package org.gridgov.points;

/** One person's place in a month's ranking by points earned. */
public record RankingRow(int rank, long personId, String name, long points) {
}
