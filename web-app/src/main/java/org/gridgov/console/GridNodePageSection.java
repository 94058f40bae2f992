package org.gridgov.console;

import java.util.Optional;

import org.gridgov.grid.GridNodeView;

/**
 * A section that another capability (a grid's figures, its duty list, …) adds to the grid node page, below the
 * built-in details, map, staff and children. Implement it as a Spring bean in the console package; the page shows
 * the sections in {@link org.springframework.core.annotation.Order @Order}.
 */
public interface GridNodePageSection {

    /** The Thymeleaf template that holds the section's fragment, e.g. {@code grids/figures}. */
    String template();

    /** The fragment in {@link #template()} to render; it is inserted as a whole, typically a {@code <section>}. */
    default String fragment() {
        return "section";
    }

    /**
     * What the section shows for {@code node}; the fragment sees it as {@code ${sectionData}}. Empty leaves the
     * section out for this node (a section with nothing to show is not drawn at all).
     */
    Optional<?> data(GridNodeView node);
}
