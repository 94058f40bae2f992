package org.gridgov.points;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridgov.shared.event.PointsRedeemed;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link PointsRedeemed} events the points module published: what integrators are told of a redemption (the
 * integration module turns them into {@code points.redeemed} webhooks; that part is the whole platform's test).
 */
@TestComponent
public class PublishedRedemptions {

    private final List<PointsRedeemed> published = new CopyOnWriteArrayList<>();

    @EventListener
    void on(PointsRedeemed event) {
        published.add(event);
    }

    /** The one event published for this redemption. */
    public PointsRedeemed of(long redemptionId) {
        List<PointsRedeemed> found = published.stream().filter(e -> e.redemptionId() == redemptionId).toList();
        assertThat(found).as("PointsRedeemed events of redemption " + redemptionId).hasSize(1);
        return found.get(0);
    }
}
