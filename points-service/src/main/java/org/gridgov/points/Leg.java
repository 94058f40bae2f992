package org.gridgov.points;

/**
 * One side of a transfer: points into ({@code amount > 0}) or out of ({@code amount < 0}) an account. The legs of an
 * entry sum to zero.
 */
public record Leg(long accountId, long amount) {
}
