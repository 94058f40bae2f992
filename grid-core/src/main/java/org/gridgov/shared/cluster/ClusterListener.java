package org.gridgov.shared.cluster;

/**
 * Reacts to an event published on a channel by any node. Called on the cluster-events dispatch thread, one event
 * at a time: be quick, hand long work to a job.
 */
@FunctionalInterface
public interface ClusterListener {

    /** One event: the channel's payload as published (an id or a few ids, never data). */
    void onEvent(String payload);

    /**
     * The listening connection was lost and is back: events published meanwhile were not seen. A cache reloads what
     * it keeps, a stream tells its clients to fetch again. Does nothing by default.
     */
    default void onResynchronise() {
    }
}
