package org.gridgov.incident;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.gridgov.shared.PageResult;

/**
 * One page of the incident list. As a change feed ({@code updatedSince} or {@code cursor} given) the items come
 * oldest change first, ordered by {@code updatedAt} then {@code id}, and {@code nextCursor} continues after the last
 * of them; as a plain list it is a {@link PageResult} and {@code nextCursor} is null.
 *
 * @param totalElements as a change feed: the changes left from this page on (this page included)
 * @param nextCursor as a change feed: where the next poll continues (the same token when nothing changed); kept by
 *        the integrator between polls
 */
public record IncidentPage(List<IncidentView> items, int page, int size, long totalElements, int totalPages,
        @Schema(description = "change feed only: pass as `cursor` to continue after this page; opaque",
                example = "djE6MTc2NDkyMzIwMDAwMDAwMDo0Mg") String nextCursor) {

    static IncidentPage of(PageResult<IncidentView> page) {
        return new IncidentPage(page.items(), page.page(), page.size(), page.totalElements(), page.totalPages(), null);
    }
}
