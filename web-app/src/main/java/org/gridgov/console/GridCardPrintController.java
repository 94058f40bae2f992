package org.gridgov.console;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.grid.GridCardService;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * Printable grid cards (打印网格卡): one page of cards — the grid, its worker, phone, duties and the QR code a
 * resident's phone opens — for a grid, or for every grid of a community (or of a general grid) as one batch. Print
 * CSS lays them out on A4, four to a page, never split; the browser prints them or saves them as PDF.
 */
@Controller
@ManagersOnly
class GridCardPrintController {

    /** Grids of one batch at most: a community has some 50–150 (簇桥街道: 52 general, 724 micro in 20 communities). */
    static final int MAX_CARDS = 1000;

    private final GridNodeService grids;
    private final GridCardService cards;
    private final GridCardModels models;

    GridCardPrintController(GridNodeService grids, GridCardService cards, GridCardModels models) {
        this.grids = grids;
        this.cards = cards;
        this.models = models;
    }

    @GetMapping("/grids/{id}/cards")
    String print(@PathVariable long id, Model model) {
        GridNodeView node = grids.get(id);
        model.addAttribute("node", node);
        boolean batchable = node.type() == GridType.COMMUNITY || node.type() == GridType.GENERAL_GRID
                || node.type() == GridType.MICRO_GRID || node.type() == GridType.DEDICATED_GRID;
        model.addAttribute("batchable", batchable);
        List<GridCardModels.CardModel> printed = new ArrayList<>();
        if (batchable) {
            for (GridNodeView grid : cardGrids(node)) {
                printed.add(models.model(cards.byCode(grid.code())));
            }
        }
        model.addAttribute("cards", printed);
        model.addAttribute("truncated", printed.size() >= MAX_CARDS);
        return "cards/print";
    }

    /** The node itself when it is a grid, then the grids below it, general grids each followed by their micro grids. */
    private List<GridNodeView> cardGrids(GridNodeView node) {
        List<GridNodeView> found = new ArrayList<>();
        if (node.type() != GridType.COMMUNITY) {
            found.add(node);
        }
        collect(node, found);
        return found;
    }

    private void collect(GridNodeView parent, List<GridNodeView> found) {
        if (parent.activeChildren() == 0) {
            return;
        }
        int page = 0;
        PageResult<GridNodeView> children;
        do {
            children = grids.children(parent.id(), false, PageRequest.of(page++, PageResult.MAX_SIZE));
            for (GridNodeView child : children.items()) {
                if (found.size() >= MAX_CARDS) {
                    return;
                }
                found.add(child);
                collect(child, found);
            }
        }
        while (page < children.totalPages());
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView rejected(DomainException ex) {
        return error(ex.kind() == DomainException.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied() {
        return error(HttpStatus.FORBIDDEN);
    }

    private static ModelAndView error(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        return page;
    }
}
