package org.gridgov.grid.internal.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import org.gridgov.grid.GridType;
import org.gridgov.grid.ImportError;
import org.gridgov.grid.internal.BoundaryRules;
import org.gridgov.grid.internal.BoundaryRules.ParentArea;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.GridCodes;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;

/**
 * Checks a whole import before anything is written: every feature on its own (code, name, type, geometry), then
 * against the rest of the file and the database (duplicate codes, unknown parents, parent types, type changes, and
 * the geometry rules at every level: within the parent, no overlapping siblings, children still inside a redrawn
 * grid). Collects every error, not just the first.
 */
final class ImportValidator {

    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z_-]{2,32}");

    private final BoundaryRules rules;
    private final List<ImportError> errors = new ArrayList<>();
    /** Time spent in the geometry rules of {@link #checkTree} (containment, sibling overlaps), for the log. */
    long geometryNanos;
    /** Time spent reading and validating each feature's geometry (GeoJSON to JTS, IsValidOp), for the log. */
    long parseNanos;

    ImportValidator(BoundaryRules rules) {
        this.rules = rules;
    }

    List<ImportError> errors() {
        return errors;
    }

    /** Checks each feature on its own; returns the features with parsed geometries. */
    List<ImportFeature> checkFeatures(List<ImportFeature> features, IntConsumer progress) {
        List<ImportFeature> parsed = new ArrayList<>(features.size());
        Set<String> seen = new HashSet<>();
        for (ImportFeature f : features) {
            ImportFeature checked = f;
            if (f.code() == null || !CODE.matcher(f.code()).matches()) {
                error(f, "code", "grid.import.code", "code is missing or not 2 to 32 letters, digits, '_' or '-'");
            }
            else if (!seen.add(f.code())) {
                error(f, "code", "grid.import.duplicate-code", "code " + f.code() + " appears more than once in the file");
            }
            if (f.name() == null || f.name().length() > 100) {
                error(f, "name", "grid.import.name", "name is missing or longer than 100 characters");
            }
            if (type(f) == null) {
                error(f, "type", "grid.import.type", "type '" + f.type() + "' is not one of CITY, DISTRICT, STREET, COMMUNITY, "
                        + "GENERAL_GRID, MICRO_GRID, DEDICATED_GRID");
            }
            if (f.parentCode() != null && f.parentCode().equals(f.code())) {
                error(f, "parentCode", "grid.import.own-parent", "a node cannot be its own parent");
            }
            if (f.geometryJson() != null) {
                long parseStart = System.nanoTime();
                try {
                    checked = f.withGeometry(Geometries.parseBoundary(f.geometryJson(), "geometry"));
                }
                catch (DomainException ex) {
                    error(f, "geometry", ex.code(), ex.getMessage());
                }
                parseNanos += System.nanoTime() - parseStart;
            }
            parsed.add(checked);
            if (parsed.size() % 1000 == 0) {
                progress.accept(parsed.size() / 2);
            }
        }
        return parsed;
    }

    /**
     * Checks that the import stays inside the submitter's scope: existing grids it changes and existing parents it
     * hangs new grids under must be visible to the submitter; a new district needs a city-wide scope.
     */
    void checkScope(List<ImportFeature> features, Map<String, ExistingNode> existing, DataScope scope) {
        if (scope.isAll()) {
            return;
        }
        for (ImportFeature f : features) {
            ExistingNode current = f.code() == null ? null : existing.get(f.code());
            if (current != null && !scope.covers(current.path())) {
                error(f, "code", "grid.import.out-of-scope", "grid " + f.code() + " is outside your part of the tree");
            }
            ExistingNode parent = f.parentCode() == null ? null : existing.get(f.parentCode());
            if (parent != null && !scope.covers(parent.path())) {
                error(f, "parentCode", "grid.import.out-of-scope", "parent " + f.parentCode()
                        + " is outside your part of the tree");
            }
            if (f.parentCode() == null && current == null) {
                error(f, "parentCode", "grid.import.out-of-scope",
                        "only a city-wide account may import a grid without a parent (a city or a district)");
            }
        }
    }

    /**
     * Checks the features against each other and the database, in one pass over the final tree: parents and their
     * types, and the geometry rules of {@link BoundaryRules} at every level — each grid within its nearest drawn
     * ancestor, siblings (grouped by parent, the file's and the platform's together) not overlapping, and the
     * platform's children of a redrawn grid still inside it.
     */
    void checkTree(List<ImportFeature> features, Map<String, ExistingNode> existing, ExistingTree tree,
            IntConsumer progress) {
        Map<String, ImportFeature> byCode = new HashMap<>();
        features.forEach(f -> {
            if (f.code() != null) {
                byCode.putIfAbsent(f.code(), f);
            }
        });
        int done = 0;
        for (ImportFeature f : features) {
            GridType type = type(f);
            ExistingNode current = f.code() == null ? null : existing.get(f.code());
            if (current != null && type != null && !current.type().equals(type.name())) {
                error(f, "type", "grid.import.type-change", "grid " + f.code() + " exists as a " + current.type()
                        + "; its type cannot change to " + type);
            }
            if (current != null && "RETIRED".equals(current.status())) {
                error(f, "code", "grid.import.retired", "grid " + f.code() + " is retired; codes are not reused");
            }
            if (type != null) {
                int before = errors.size();
                checkParent(f, type, byCode, existing);
                if (current == null && f.code() != null && errors.size() == before) {
                    checkCodeRule(f, type); // a wrong parent is the telling problem; its prefix follows from it
                }
            }
            if (++done % 1000 == 0) {
                progress.accept(features.size() / 2 + done / 4);
            }
        }
        long geometryStart = System.nanoTime();
        new GeometryPass(features, byCode, existing, tree).run();
        geometryNanos = System.nanoTime() - geometryStart;
        progress.accept(features.size());
    }

    private void checkParent(ImportFeature f, GridType type, Map<String, ImportFeature> byCode,
            Map<String, ExistingNode> existing) {
        if (f.parentCode() == null) {
            if (!type.mayBeRoot()) {
                error(f, "parentCode", "grid.import.parent-required", "a " + type + " needs a parentCode");
            }
            return;
        }
        if (type == GridType.CITY) {
            error(f, "parentCode", "grid.import.parent-type", "a CITY has no parent");
            return;
        }
        ImportFeature parentFeature = byCode.get(f.parentCode());
        ExistingNode parentNode = existing.get(f.parentCode());
        GridType parentType = parentFeature != null ? type(parentFeature)
                : parentNode != null ? GridType.valueOf(parentNode.type()) : null;
        if (parentFeature == null && parentNode == null) {
            error(f, "parentCode", "grid.import.unknown-parent", "no grid " + f.parentCode() + " in the file or the platform");
            return;
        }
        if (parentFeature == null && "RETIRED".equals(parentNode.status())) {
            error(f, "parentCode", "grid.import.parent-retired", "parent " + f.parentCode() + " is retired");
            return;
        }
        if (parentType != null && !type.mayHangUnder(parentType)) {
            error(f, "parentCode", "grid.import.parent-type", "a " + type + " may not hang under a " + parentType
                    + " (allowed: " + type.allowedParents() + ")");
        }
    }

    /** A new grid's code keeps the code rule (existing grids keep theirs, even moved: it is on their cards). */
    private void checkCodeRule(ImportFeature f, GridType type) {
        String problem = GridCodes.problem(type, f.code(), f.parentCode());
        if (problem != null) {
            error(f, "code", "grid.import.code-rule", "code " + f.code() + ": " + problem);
        }
    }

    /** The platform's side of the geometry checks, loaded in batches by the job runner. */
    interface ExistingTree {

        /**
         * The active children of these existing grids, with their current boundaries (null where undrawn); with
         * {@code roots} also the active roots, under the key {@code null}.
         */
        Map<Long, List<ExistingChild>> children(Collection<Long> parentIds, boolean roots);

        /** The existing grid itself when it is drawn, else its nearest ancestor that is. */
        Optional<Drawn> nearestDrawn(ExistingNode node);
    }

    /** A grid of the platform next to, or under, imported ones. */
    record ExistingChild(long id, String code, GridType type, Geometry geometry) {
    }

    /** A grid with a boundary. */
    record Drawn(String code, Geometry geometry) {
    }

    /** One sibling of a group: from the file or from the platform. */
    private record Sibling(String code, GridType type, Geometry geometry, ImportFeature feature, boolean changed) {
    }

    /**
     * The geometry half of {@link #checkTree}, over the tree as it will be after the import. Siblings are grouped
     * by parent; in each group only pairs with a new or changed grid are compared (a re-import of unchanged data
     * compares nothing), envelopes first (tiles that only share an edge never reach JTS's overlay), through an
     * STRtree where a group is large. Containment uses one prepared boundary per parent ({@link ParentArea}).
     */
    private final class GeometryPass {

        private static final int TREE_FROM = 24;

        private final List<ImportFeature> features;
        private final Map<String, ImportFeature> byCode;
        private final Map<String, ExistingNode> existing;
        private final ExistingTree tree;
        private final Map<String, Optional<ParentArea>> areas = new HashMap<>();

        GeometryPass(List<ImportFeature> features, Map<String, ImportFeature> byCode,
                Map<String, ExistingNode> existing, ExistingTree tree) {
            this.features = features;
            this.byCode = byCode;
            this.existing = existing;
            this.tree = tree;
        }

        void run() {
            Map<Long, String> existingCodes = new HashMap<>();
            existing.values().forEach(n -> existingCodes.put(n.id(), n.code()));
            // the platform's children of every existing parent in the file and of every redrawn grid
            Set<Long> parents = new HashSet<>();
            boolean roots = false;
            for (ImportFeature f : features) {
                if (f.parentCode() == null) {
                    roots = roots || geometry(f) != null;
                }
                else if (existing.containsKey(f.parentCode()) && geometry(f) != null) {
                    parents.add(existing.get(f.parentCode()).id());
                }
                ExistingNode current = existing.get(f.code());
                if (current != null && f.geometry() != null) {
                    parents.add(current.id());
                }
            }
            Map<Long, List<ExistingChild>> platform = parents.isEmpty() && !roots ? Map.of()
                    : tree.children(parents, roots);

            Map<String, List<Sibling>> groups = new HashMap<>();
            for (ImportFeature f : features) {
                Geometry geometry = geometry(f);
                if (geometry != null) {
                    groups.computeIfAbsent(f.parentCode(), k -> new ArrayList<>())
                        .add(new Sibling(f.code(), type(f), geometry, f, changed(f)));
                    within(f, geometry);
                }
            }
            platform.forEach((parentId, children) -> {
                String parentCode = parentId == null ? null : existingCodes.get(parentId);
                for (ExistingChild child : children) {
                    if (byCode.containsKey(child.code())) {
                        continue; // the file says where it goes and what it looks like
                    }
                    if (child.geometry() != null) {
                        groups.computeIfAbsent(parentCode, k -> new ArrayList<>())
                            .add(new Sibling(child.code(), child.type(), child.geometry(), null, false));
                    }
                    ImportFeature redrawn = parentCode == null ? null : byCode.get(parentCode);
                    if (redrawn != null && redrawn.geometry() != null && child.geometry() != null) {
                        area(parentCode).flatMap(a -> a.outside(child.code(), child.geometry())).ifPresent(outside ->
                                error(redrawn, "geometry", "grid.boundary.child-outside", "the new boundary of "
                                        + parentCode + " leaves its child " + child.code() + " " + outside));
                    }
                }
            });
            groups.values().forEach(this::siblings);
        }

        /** The boundary the grid will have: the file's, else the one it has. */
        private Geometry geometry(ImportFeature f) {
            if (f.geometry() != null) {
                return f.geometry();
            }
            ExistingNode current = existing.get(f.code());
            return current == null || current.boundary() == null ? null : Geometries.fromWkb(current.boundary());
        }

        private boolean changed(ImportFeature f) {
            ExistingNode current = existing.get(f.code());
            return current == null || f.geometry() != null || !java.util.Objects.equals(f.parentCode(),
                    current.parentCode());
        }

        private void within(ImportFeature f, Geometry geometry) {
            if (f.parentCode() == null) {
                return;
            }
            area(f.parentCode()).ifPresent(parent -> parent.outside(f.code(), geometry).ifPresent(outside ->
                    error(f, "geometry", "grid.boundary.outside-parent", "grid " + f.code() + " reaches " + outside
                            + " of its parent " + parent.code())));
        }

        /** The boundary {@code code}'s children must lie in: its own, else its nearest drawn ancestor's. */
        private Optional<ParentArea> area(String code) {
            Optional<ParentArea> known = areas.get(code);
            if (known != null) {
                return known;
            }
            Optional<ParentArea> found;
            ImportFeature feature = byCode.get(code);
            Geometry own = feature != null ? geometry(feature) : null;
            if (own != null) {
                found = Optional.of(rules.area(code, own));
            }
            else if (feature != null) {
                found = feature.parentCode() == null ? Optional.empty() : area(feature.parentCode());
            }
            else if (existing.containsKey(code) && existing.get(code).boundary() != null) {
                found = Optional.of(rules.area(code, Geometries.fromWkb(existing.get(code).boundary())));
            }
            else if (existing.containsKey(code)) {
                found = tree.nearestDrawn(existing.get(code)).map(d -> rules.area(d.code(), d.geometry()));
            }
            else {
                found = Optional.empty();
            }
            areas.put(code, found);
            return found;
        }

        private void siblings(List<Sibling> group) {
            if (group.size() < 2) {
                return;
            }
            if (group.size() < TREE_FROM) {
                for (int i = 0; i < group.size(); i++) {
                    for (int j = i + 1; j < group.size(); j++) {
                        compare(group.get(i), group.get(j));
                    }
                }
                return;
            }
            STRtree index = new STRtree();
            for (int i = 0; i < group.size(); i++) {
                index.insert(group.get(i).geometry().getEnvelopeInternal(), i);
            }
            for (int i = 0; i < group.size(); i++) {
                for (Object candidate : index.query(group.get(i).geometry().getEnvelopeInternal())) {
                    int j = (Integer) candidate;
                    if (j > i) {
                        compare(group.get(i), group.get(j));
                    }
                }
            }
        }

        private void compare(Sibling a, Sibling b) {
            if (!a.changed() && !b.changed() || BoundaryRules.mayOverlap(a.type(), b.type())
                    || !a.geometry().getEnvelopeInternal().intersects(b.geometry().getEnvelopeInternal())) {
                return;
            }
            Sibling reported = a.feature() != null && (b.feature() == null || a.feature().index() > b.feature().index())
                    ? a : b;
            Sibling other = reported == a ? b : a;
            rules.overlap(a.geometry(), b.geometry()).ifPresent(squareMetres -> {
                DomainException refusal = rules.overlapping(reported.code(), reported.geometry(), other.code(),
                        squareMetres, "geometry");
                error(reported.feature(), "geometry", refusal.code(), refusal.getMessage());
            });
        }
    }

    static GridType type(ImportFeature f) {
        if (f.type() == null) {
            return null;
        }
        try {
            return GridType.valueOf(f.type());
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private void error(ImportFeature f, String field, String code, String message) {
        errors.add(new ImportError(f.index(), f.row(), f.code(), field, code, message));
    }

}
