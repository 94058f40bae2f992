package org.gridgov.points;

import java.util.List;

/**
 * A balanced movement of points to post as one journal entry.
 *
 * @param idempotencyKey unique over all entries: the same request twice posts once
 * @param sourceRef the document that caused it ({@code service-record:17}); unique per type when present, so one
 *        document credits once
 * @param rule the rule in force (for EARN), recorded on the entry
 * @param gridPath the grid the movement belongs to (rankings and scoped browsing), may be null
 */
public record Transfer(EntryType type, String idempotencyKey, String sourceRef, String rule, String actor,
        String memo, String gridPath, List<Leg> legs) {

    public static Transfer of(EntryType type, String idempotencyKey, String sourceRef, String actor, long from,
            long to, long amount) {
        return new Transfer(type, idempotencyKey, sourceRef, null, actor, null, null,
                List.of(new Leg(from, -amount), new Leg(to, amount)));
    }

    public Transfer withRule(String rule) {
        return new Transfer(type, idempotencyKey, sourceRef, rule, actor, memo, gridPath, legs);
    }

    public Transfer withMemo(String memo) {
        return new Transfer(type, idempotencyKey, sourceRef, rule, actor, memo, gridPath, legs);
    }

    public Transfer withGridPath(String gridPath) {
        return new Transfer(type, idempotencyKey, sourceRef, rule, actor, memo, gridPath, legs);
    }
}
