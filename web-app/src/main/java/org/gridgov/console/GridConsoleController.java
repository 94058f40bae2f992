package org.gridgov.console;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.gridgov.grid.BoundaryView;
import org.gridgov.grid.CoverageGap;
import org.gridgov.grid.GridFiguresService;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.GridType;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.PageResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The grid pages of the console: a tree browser that loads each level on demand (htmx), and a page per node with
 * its chain, details, map, staff on duty and children.
 */
@Controller
@RequestMapping("/grids")
class GridConsoleController {

    /** A tree level is loaded 200 nodes at a time, the most a page of the API holds. */
    static final int TREE_PAGE_SIZE = PageResult.MAX_SIZE;

    static final int CHILDREN_PAGE_SIZE = 50;

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final GridNodeService grids;
    private final GridStaffService staff;
    private final GridFiguresService figures;
    private final ConsoleMapProperties map;
    private final ObjectProvider<GridNodePageSection> sections;
    private final JsonMapper json;

    GridConsoleController(GridNodeService grids, GridStaffService staff, GridFiguresService figures,
            ConsoleMapProperties map, ObjectProvider<GridNodePageSection> sections, JsonMapper json) {
        this.grids = grids;
        this.figures = figures;
        this.staff = staff;
        this.map = map;
        this.sections = sections;
        this.json = json;
    }

    /** The roots of the tree (cities, districts without a city), each expandable. */
    @GetMapping
    String tree(Model model) {
        model.addAttribute("level", level(null, 0));
        return "grids/tree";
    }

    /** One page of a node's active children as tree rows: the fragment the expander and "more" link load. */
    @GetMapping("/tree")
    String treeLevel(@RequestParam(required = false) Long parentId, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("level", level(parentId, page));
        return "grids/tree :: level";
    }

    @GetMapping("/{id}")
    String node(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        GridNodeView node = grids.get(id);
        model.addAttribute("node", node);
        model.addAttribute("chain", grids.chain(id));
        model.addAttribute("staff", staff.onDuty(id));
        model.addAttribute("children",
                grids.children(id, false, PageRequest.of(Math.max(page, 0), CHILDREN_PAGE_SIZE)));
        model.addAttribute("map", map);
        model.addAttribute("sections", sections.orderedStream()
            .flatMap(section -> section.data(node)
                .map(data -> new SectionModel(section.template(), section.fragment(), data))
                .stream())
            .toList());
        return "grids/node";
    }

    /**
     * The node's boundary and its active children's boundaries as a GeoJSON FeatureCollection. Each feature's
     * properties carry {@code id}, {@code code}, {@code name}, {@code type} and {@code role} ({@code self} or
     * {@code child}); nodes without a boundary are left out. For a community or a street, the areas no micro grid
     * covers follow as features of role {@code gap} (with the community's {@code id}, {@code code}, {@code name} and
     * {@code gapSquareMetres}).
     */
    @GetMapping("/{id}/map.json")
    ResponseEntity<JsonNode> mapData(@PathVariable long id) {
        GridNodeView node = grids.get(id);
        ObjectNode collection = json.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        grids.currentBoundary(id).ifPresent(boundary -> features.add(feature(node, boundary, "self")));
        int page = 0;
        PageResult<GridNodeView> children;
        do {
            children = grids.children(id, false, PageRequest.of(page++, PageResult.MAX_SIZE));
            for (GridNodeView child : children.items()) {
                if (child.hasBoundary()) {
                    grids.currentBoundary(child.id())
                        .ifPresent(boundary -> features.add(feature(child, boundary, "child")));
                }
            }
        }
        while (page < children.totalPages());
        if (node.type() == GridType.COMMUNITY || node.type() == GridType.STREET) {
            for (CoverageGap gap : figures.coverageGaps(id)) {
                if (gap.gapGeoJson() != null) {
                    ObjectNode feature = features.addObject().put("type", "Feature");
                    feature.set("geometry", json.readTree(gap.gapGeoJson()));
                    feature.putObject("properties").put("id", gap.community().id())
                        .put("code", gap.community().code()).put("name", gap.community().name())
                        .put("type", GridType.COMMUNITY.name()).put("role", "gap")
                        .put("gapSquareMetres", gap.gapSquareMetres());
                }
            }
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection);
    }

    /** The pages only read, so the one rejection they meet is an id that names no grid. */
    @ExceptionHandler(DomainException.class)
    ModelAndView rejected(DomainException ex) {
        HttpStatus status = ex.kind() == DomainException.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST;
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        return page;
    }

    private TreeLevel level(Long parentId, int page) {
        return new TreeLevel(parentId,
                grids.children(parentId, false, PageRequest.of(Math.max(page, 0), TREE_PAGE_SIZE)));
    }

    private ObjectNode feature(GridNodeView node, BoundaryView boundary, String role) {
        ObjectNode feature = json.createObjectNode().put("type", "Feature");
        feature.set("geometry", json.readTree(boundary.geoJson()));
        feature.putObject("properties")
            .put("id", node.id())
            .put("code", node.code())
            .put("name", node.name())
            .put("type", node.type().name())
            .put("role", role);
        return feature;
    }

    /** One page of a tree level; {@code parentId} is null for the roots (cities, districts without a city). */
    public record TreeLevel(Long parentId, PageResult<GridNodeView> nodes) {

        public boolean hasMore() {
            return nodes.page() + 1 < nodes.totalPages();
        }

        public int nextPage() {
            return nodes.page() + 1;
        }
    }

    /** A contributed section, resolved for the node on show. */
    public record SectionModel(String template, String fragment, Object sectionData) {
    }
}
