package org.gridgov.console;

import java.util.Optional;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GridCard;
import org.gridgov.grid.GridCardService;
import org.gridgov.grid.GridNodeService;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Grid card preview (名片预览): looks a card up by grid code or by a point, the way the public card API does, and
 * shows it as a resident sees it on a phone, with the public URL the card's QR code carries.
 */
@Controller
@RequestMapping("/cards")
class GridCardConsoleController {

    static final String PUBLIC_CARD_PATH = "/api/v1/public/grid-cards/{code}";

    private final GridCardService cards;
    private final GridNodeService grids;

    GridCardConsoleController(GridCardService cards, GridNodeService grids) {
        this.cards = cards;
        this.grids = grids;
    }

    @GetMapping
    String preview(@RequestParam(required = false) String code, @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng,
            @RequestParam(defaultValue = "WGS84") CoordSystem coordSystem, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("lat", lat);
        model.addAttribute("lng", lng);
        model.addAttribute("coordSystem", coordSystem);
        model.addAttribute("coordSystems", CoordSystem.values());
        boolean byCode = StringUtils.hasText(code);
        boolean byLocation = lat != null || lng != null;
        model.addAttribute("searchedBy", byCode ? "code" : byLocation ? "location" : null);
        try {
            if (byCode) {
                model.addAttribute("card", card(cards.byCode(code.trim())));
            }
            else if (lat != null && lng != null) {
                Optional<GridCard> found = cards.byLocation(lat, lng, coordSystem);
                found.ifPresentOrElse(card -> model.addAttribute("card", card(card)),
                        () -> model.addAttribute("problem", "card.outside"));
            }
            else if (byLocation) {
                model.addAttribute("problem", "card.location.incomplete");
            }
        }
        catch (DomainException ex) {
            model.addAttribute("problem", switch (ex.kind()) {
                case NOT_FOUND -> "card.not-found";
                case INVALID -> "card.location.invalid";
                default -> "card.unavailable";
            });
        }
        return "cards/preview";
    }

    private CardModel card(GridCard card) {
        String servedFromName = null;
        if (card.servedFromGridCode() != null) {
            try {
                servedFromName = grids.getByCode(card.servedFromGridCode()).name();
            }
            catch (DomainException ex) {
                servedFromName = card.servedFromGridCode(); // outside the viewer's scope: the code says enough
            }
        }
        String publicUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path(PUBLIC_CARD_PATH)
            .buildAndExpand(card.gridCode())
            .toUriString();
        return new CardModel(card, servedFromName, publicUrl);
    }

    /**
     * A card as the preview shows it.
     *
     * @param servedFromName the name of the ancestor grid whose worker the card shows, or null
     * @param publicUrl the public card URL, what the printed QR code carries
     */
    public record CardModel(GridCard card, String servedFromName, String publicUrl) {

        /** The phone number as a {@code tel:} URI: digits and a leading + only. */
        public String telUri() {
            return card.workerPhone() == null ? null : "tel:" + card.workerPhone().replaceAll("[^0-9+]", "");
        }
    }
}
