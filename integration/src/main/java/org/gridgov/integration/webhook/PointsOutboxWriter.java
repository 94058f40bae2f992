package org.gridgov.integration.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gridgov.shared.event.PointsRedeemed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** {@code points.redeemed} webhooks, written to the outbox in the redeeming transaction. */
@Component
class PointsOutboxWriter {

    private final Outbox outbox;

    PointsOutboxWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(PointsRedeemed redeemed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("redemptionId", redeemed.redemptionId());
        data.put("itemId", redeemed.itemId());
        data.put("itemName", redeemed.itemName());
        data.put("partnerId", redeemed.partnerId());
        data.put("points", redeemed.price());
        data.put("expiresAt", redeemed.expiresAt().toString());
        outbox.append(WebhookEventType.POINTS_REDEEMED, "redemption:" + redeemed.redemptionId(),
                redeemed.communityPath(), redeemed.redeemedAt(), data);
    }
}
