package org.gridgov.grid.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GridCard;
import org.gridgov.grid.GridCardService;
import org.gridgov.shared.DomainException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public grid card: no login, rate-limited per client address. */
@RestController
@Tag(name = "Grid card", description = "微网格员名片: who serves this place (public, no login, rate-limited)")
class GridCardController {

    private final GridCardService cards;

    GridCardController(GridCardService cards) {
        this.cards = cards;
    }

    @GetMapping(path = "/api/v1/public/grid-cards/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Grid card by code", description = "The address printed as a QR code on the card. JSON for "
            + "clients; a browser asking for text/html (a phone's camera opening the QR code) gets the card as a page "
            + "for phones at the same address. 429 beyond the rate limit.")
    ResponseEntity<GridCard> byCode(@PathVariable String code) {
        GridCard card = cards.byCode(code);
        // the phone's page of the card is at the same address (text/html): a shared cache must keep the two apart
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
            .varyBy("Accept").eTag(etagOf(card)).body(card);
    }

    @GetMapping("/api/v1/public/grid-cards")
    @SecurityRequirements
    @Operation(summary = "Grid card by location", description = "The card of the grid containing the point. "
            + "coordSystem: WGS84 (default), GCJ02 or BD09. 404 outside every grid; 429 beyond the rate limit.")
    ResponseEntity<GridCard> byLocation(@RequestParam double lat, @RequestParam double lng,
            @RequestParam(defaultValue = "WGS84") CoordSystem coordSystem) {
        GridCard card = cards.byLocation(lat, lng, coordSystem).orElseThrow(() -> DomainException.notFound(
                "grid.locate.outside", "No active grid contains the point " + lat + ", " + lng));
        return ResponseEntity.ok().eTag(etagOf(card)).body(card);
    }

    private static final long PRIME = 1_099_511_628_211L;

    /** The JSON form of a card, hashed into its ETag (see {@link #etagOf}). */
    static final String CARD_FORMAT = "1";

    /**
     * The card's ETag from its content (64 bits of a polynomial hash of every field), the same on every node: a phone
     * asking again with {@code If-None-Match} gets 304 until the card changes. Set here, the shallow ETag filter does
     * not hash the written JSON with MD5 on every answer. {@link #CARD_FORMAT} is hashed too: change it whenever the
     * JSON of the same card changes (a field renamed, another way of writing a value), or phones keep the old form.
     */
    static String etagOf(GridCard card) {
        long hash = 1_125_899_906_842_597L;
        hash = mix(hash, CARD_FORMAT);
        hash = mix(hash, card.gridCode());
        hash = mix(hash, card.gridName());
        hash = mix(hash, card.gridType() == null ? null : card.gridType().name());
        hash = PRIME * hash + card.chain().size();
        for (String name : card.chain()) {
            hash = mix(hash, name);
        }
        hash = mix(hash, card.workerName());
        hash = mix(hash, card.workerPhone());
        hash = mix(hash, card.workerRole() == null ? null : card.workerRole().name());
        hash = mix(hash, card.servedFromGridCode());
        hash = PRIME * hash + card.duties().size();
        for (String duty : card.duties()) {
            hash = mix(hash, duty);
        }
        return "W/\"card-" + Long.toHexString(hash) + "\"";
    }

    private static long mix(long hash, String value) {
        long h = hash;
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                h = PRIME * h + value.charAt(i);
            }
        }
        return PRIME * h + (value == null ? 0x1E : 0x1F); // a separator, and null apart from ""
    }
}
