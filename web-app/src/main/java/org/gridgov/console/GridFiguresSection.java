package org.gridgov.console;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridgov.grid.GridFigures;
import org.gridgov.grid.GridFiguresService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The node page's figures (数据概况): grids below the node by level, staff on duty by role, the gaps (grids without a
 * primary worker or a boundary), the areas no micro grid covers per community (for a community and a street; drawn
 * on the node's map too) and what other modules contribute as {@code extensions}.
 */
@Component
@Order(100)
class GridFiguresSection implements GridNodePageSection {

    private final GridFiguresService figures;

    GridFiguresSection(GridFiguresService figures) {
        this.figures = figures;
    }

    @Override
    public String template() {
        return "grids/figures";
    }

    @Override
    public Optional<Figures> data(GridNodeView node) {
        GridFigures all = figures.figures(node.id());
        // the levels that may lie below this one, plus any other level that happens to be there
        Set<GridType> below = levelsBelow(node.type());
        List<TypeCount> descendants = Arrays.stream(GridType.values())
            .filter(type -> below.contains(type) || count(all.descendantsByType(), type) > 0)
            .map(type -> new TypeCount(type, count(all.descendantsByType(), type)))
            .toList();
        List<RoleCount> staff = Arrays.stream(StaffRole.values())
            .filter(role -> count(all.staffByRole(), role) > 0)
            .map(role -> new RoleCount(role, count(all.staffByRole(), role)))
            .toList();
        List<Extension> extensions = all.extensions().entrySet().stream()
            .map(entry -> new Extension(entry.getKey(), entry.getValue() == null ? List.of()
                    : entry.getValue().entrySet().stream()
                        .map(value -> new Entry(value.getKey(), value.getValue()))
                        .toList()))
            .toList();
        List<Coverage> coverage = all.coverageGaps().stream()
            .map(gap -> new Coverage(gap.community().id(), gap.community().code(), gap.community().name(),
                    gap.gapSquareMetres(), gap.gapShare()))
            .toList();
        return Optional.of(new Figures(descendants, staff, all.gridsWithoutPrimaryWorker(), all.gridsWithoutBoundary(),
                coverage, extensions));
    }

    /** Every level that may hang, directly or further down, under {@code type}. */
    static Set<GridType> levelsBelow(GridType type) {
        Set<GridType> below = EnumSet.noneOf(GridType.class);
        Set<GridType> reached = EnumSet.of(type);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (GridType candidate : GridType.values()) {
                if (!reached.contains(candidate)
                        && candidate.allowedParents().stream().anyMatch(reached::contains)) {
                    reached.add(candidate);
                    below.add(candidate);
                    grew = true;
                }
            }
        }
        return below;
    }

    private static <K> long count(Map<K, Long> counts, K key) {
        Long value = counts.get(key);
        return value == null ? 0 : value;
    }

    /** What the figures fragment shows. */
    public record Figures(List<TypeCount> descendants, List<RoleCount> staffByRole, long gridsWithoutPrimaryWorker,
            long gridsWithoutBoundary, List<Coverage> coverage, List<Extension> extensions) {
    }

    /** One community's area outside every micro grid (shown for a community and a street). */
    public record Coverage(long communityId, String code, String name, long gapSquareMetres, double gapShare) {

        /** The share as a percentage with one decimal, e.g. {@code 12.5 %}. */
        public String percent() {
            return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * gapShare);
        }

        public boolean hasGap() {
            return gapSquareMetres > 0;
        }
    }

    public record TypeCount(GridType type, long count) {
    }

    public record RoleCount(StaffRole role, long count) {
    }

    /** One module's contributed figures, its values as given (shown in words by {@link GridFiguresFormat}). */
    public record Extension(String key, List<Entry> entries) {
    }

    public record Entry(String key, Object value) {
    }
}
