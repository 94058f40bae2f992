package org.gridgov.points;

/** A person's points: balance, reserved by pending redemptions (held), and what can be spent now. */
public record MyPoints(long accountId, long balance, long held, long available) {
}
