package org.gridgov.grid.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.gridgov.grid.GridCard;
import org.gridgov.grid.StaffView;
import org.gridgov.shared.cluster.ClusterEvents;
import org.gridgov.shared.cluster.ClusterListener;
import org.springframework.stereotype.Component;

/**
 * Grid cards kept on this node, so a warm public card costs no SQL. A card is built from the locate index's chain
 * (follows the topology version), the staff on duty today and the duty list; a kept card is used only while all
 * three are as they were:
 * <ul>
 * <li>the locate index's topology version is the one the card was built at, and the day is the same;</li>
 * <li>no change to {@code grid_staff}, {@code duty} or {@code grid_node} was committed since: a trigger on those
 * tables NOTIFYs the cluster channel {@value #CHANNEL} at the commit of any change (by a service, an import or SQL by
 * hand), every node drops its cards when it arrives (typically within milliseconds), and this node's own services
 * also drop them right after their commit (read-your-writes for the writer);</li>
 * <li>and at most {@link #MAX_AGE} old — the bound if the listening connection is lost and comes back (then every
 * card is dropped anyway). Nothing is kept while this node does not listen to the channel.</li>
 * </ul>
 */
@Component
public class GridCardCache {

    /** The cluster channel the grid-card trigger notifies (see {@code V2026_12_14_1000}). */
    public static final String CHANNEL = "grid_card";
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final int MAX_CARDS = 200_000;

    private record Kept<T>(Optional<T> value, long version, long generation, LocalDate day, long keptAt) {
    }

    private final Map<Long, Kept<GridCard>> cards = new ConcurrentHashMap<>();
    private final Map<Long, Kept<StaffView>> workers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final GridSpatialIndex index;
    private final ClusterEvents cluster;
    private final Clock clock;

    GridCardCache(GridSpatialIndex index, ClusterEvents cluster, Optional<Clock> clock) {
        this.index = index;
        this.cluster = cluster;
        this.clock = clock.orElse(Clock.systemUTC());
        cluster.subscribe(CHANNEL, new ClusterListener() {
            @Override
            public void onEvent(String table) {
                clear();
            }

            @Override
            public void onResynchronise() {
                clear();
            }
        });
    }

    /** The card of a grid: kept, or built by {@code build} and kept. */
    public Optional<GridCard> card(long nodeId, LongFunction<Optional<GridCard>> build) {
        return kept(cards, nodeId, build);
    }

    /**
     * The worker who serves a grid today (what its card shows, and where a report goes): kept like the cards, as
     * {@code grid_staff} changes announce themselves on the same channel.
     */
    public Optional<StaffView> worker(long nodeId, LongFunction<Optional<StaffView>> find) {
        return kept(workers, nodeId, find);
    }

    private <T> Optional<T> kept(Map<Long, Kept<T>> map, long nodeId, LongFunction<Optional<T>> load) {
        long version = index.version();
        long seen = generation.get();
        LocalDate day = LocalDate.now(clock);
        long now = System.nanoTime();
        Kept<T> kept = map.get(nodeId);
        if (kept != null && kept.version() == version && kept.generation() == seen && kept.day().equals(day)
                && now - kept.keptAt() < MAX_AGE.toNanos()) {
            return kept.value();
        }
        Optional<T> value = load.apply(nodeId);
        // a change announced while it was read bumped the generation: what was read is not kept under the old one
        if (cluster.listening(CHANNEL) && generation.get() == seen) {
            if (map.size() >= MAX_CARDS) {
                map.clear();
            }
            map.put(nodeId, new Kept<>(value, version, seen, day, now));
        }
        return value;
    }

    /** Drops every card: after this node's own change commits (or at once outside a transaction). */
    public void changed() {
        ClusterEvents.afterCommit(this::clear);
    }

    void clear() {
        generation.incrementAndGet();
        cards.clear();
        workers.clear();
    }
}
