package org.gridgov.console;

import java.time.Duration;

import org.gridgov.grid.GridCardService;
import org.gridgov.shared.DomainException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The grid card as a phone shows it: the page a resident's camera opens from the QR code on a printed card. Same
 * address as the JSON card of the API ({@code /api/v1/public/grid-cards/{code}}); a browser, asking for
 * {@code text/html}, gets this page, every other client the JSON. Public, no login, rate-limited like the API.
 */
@Controller
class GridCardPageController {

    private final GridCardService cards;
    private final GridCardModels models;

    GridCardPageController(GridCardService cards, GridCardModels models) {
        this.cards = cards;
        this.models = models;
    }

    @GetMapping(path = GridCardLinks.PUBLIC_CARD_PATH, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(@PathVariable String code, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("cards/public");
        page.addObject("card", models.model(cards.byCode(code)));
        response.setHeader("Cache-Control", CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic().getHeaderValue());
        // the JSON card is at the same address: a shared cache must keep the two apart
        response.addHeader("Vary", "Accept");
        return page;
    }

    /** An unknown or retired code: a page saying so, not the API's problem JSON a phone would show as text. */
    @ExceptionHandler(DomainException.class)
    ModelAndView missing(DomainException ex) {
        HttpStatus status = ex.kind() == DomainException.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ModelAndView page = new ModelAndView("cards/public", status);
        page.addObject("missing", true);
        return page;
    }
}
