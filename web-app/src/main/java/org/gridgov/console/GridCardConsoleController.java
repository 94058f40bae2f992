package org.gridgov.console;

import java.util.Optional;

import org.gridgov.grid.CoordSystem;
import org.gridgov.grid.GridCard;
import org.gridgov.grid.GridCardService;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Grid card preview (名片预览): looks a card up by grid code or by a point, the way the public card API does, and
 * shows it as a resident sees it on a phone, with the public URL and the QR code a printed card carries.
 */
@Controller
@RequestMapping("/cards")
class GridCardConsoleController {

    private final GridCardService cards;
    private final GridCardModels models;

    GridCardConsoleController(GridCardService cards, GridCardModels models) {
        this.cards = cards;
        this.models = models;
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

    private GridCardModels.CardModel card(GridCard card) {
        return models.model(card);
    }
}
