package org.gridgov.grid.internal.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

import org.gridgov.grid.GridType;
import org.gridgov.grid.ImportError;
import org.gridgov.grid.internal.BoundaryRules;
import org.gridgov.grid.internal.Geometries;
import org.gridgov.grid.internal.GridCodes;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.scope.DataScope;

/**
 * Checks a whole import before anything is written: every feature on its own (code, name, type, geometry), then
 * against the rest of the file and the database (duplicate codes, unknown parents, parent types, type changes,
 * child outside parent, micro grids overlapping their siblings). Collects every error, not just the first.
 */
final class ImportValidator {

    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z_-]{2,32}");

    private final BoundaryRules rules;
    private final List<ImportError> errors = new ArrayList<>();

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
                error(f, "type", "grid.import.type", "type '" + f.type() + "' is not one of DISTRICT, STREET, COMMUNITY, "
                        + "GENERAL_GRID, MICRO_GRID, DEDICATED_GRID");
            }
            if (f.parentCode() != null && f.parentCode().equals(f.code())) {
                error(f, "parentCode", "grid.import.own-parent", "a node cannot be its own parent");
            }
            if (f.geometryJson() != null) {
                try {
                    checked = f.withGeometry(Geometries.parseBoundary(f.geometryJson(), "geometry"));
                }
                catch (DomainException ex) {
                    error(f, "geometry", ex.code(), ex.getMessage());
                }
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
                error(f, "parentCode", "grid.import.out-of-scope", "only a city-wide account may import a district");
            }
        }
    }

    /** Checks the features against each other and the database. */
    void checkTree(List<ImportFeature> features, Map<String, ExistingNode> existing,
            Map<String, List<ExistingSibling>> existingMicroSiblings, IntConsumer progress) {
        Map<String, ImportFeature> byCode = new HashMap<>();
        features.forEach(f -> {
            if (f.code() != null) {
                byCode.putIfAbsent(f.code(), f);
            }
        });
        Map<String, List<ImportFeature>> microByParent = new HashMap<>();
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
            if (type == GridType.MICRO_GRID && f.parentCode() != null && f.geometry() != null) {
                microByParent.computeIfAbsent(f.parentCode(), k -> new ArrayList<>()).add(f);
            }
            if (++done % 1000 == 0) {
                progress.accept(features.size() / 2 + done / 2);
            }
        }
        microByParent.forEach((parent, siblings) -> checkSiblings(siblings,
                existingMicroSiblings.getOrDefault(parent, List.of()), byCode.keySet()));
        progress.accept(features.size());
    }

    private void checkParent(ImportFeature f, GridType type, Map<String, ImportFeature> byCode,
            Map<String, ExistingNode> existing) {
        if (f.parentCode() == null) {
            if (type != GridType.DISTRICT) {
                error(f, "parentCode", "grid.import.parent-required", "a " + type + " needs a parentCode");
            }
            return;
        }
        if (type == GridType.DISTRICT) {
            error(f, "parentCode", "grid.import.parent-type", "a DISTRICT has no parent");
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
            return;
        }
        Geometry parentGeometry = parentFeature != null ? parentFeature.geometry()
                : parentNode.boundary() == null ? null : Geometries.fromWkb(parentNode.boundary());
        if (f.geometry() != null && parentGeometry != null) {
            try {
                rules.requireInside(f.geometry(), parentGeometry, "geometry");
            }
            catch (DomainException ex) {
                error(f, "geometry", ex.code(), ex.getMessage() + " (" + f.parentCode() + ")");
            }
        }
    }

    /** A new grid's code keeps the code rule (existing grids keep theirs, even moved: it is on their cards). */
    private void checkCodeRule(ImportFeature f, GridType type) {
        String problem = GridCodes.problem(type, f.code(), f.parentCode());
        if (problem != null) {
            error(f, "code", "grid.import.code-rule", "code " + f.code() + ": " + problem);
        }
    }

    private void checkSiblings(List<ImportFeature> siblings, List<ExistingSibling> existingSiblings,
            Set<String> codesInFile) {
        STRtree tree = new STRtree();
        for (ImportFeature sibling : siblings) {
            tree.insert(sibling.geometry().getEnvelopeInternal(), sibling);
        }
        for (ExistingSibling sibling : existingSiblings) {
            if (!codesInFile.contains(sibling.code())) {
                tree.insert(sibling.geometry().getEnvelopeInternal(), sibling);
            }
        }
        for (ImportFeature f : siblings) {
            for (Object candidate : tree.query(f.geometry().getEnvelopeInternal())) {
                String otherCode;
                Geometry other;
                if (candidate instanceof ImportFeature g) {
                    if (g.index() <= f.index()) {
                        continue; // each pair once
                    }
                    otherCode = g.code();
                    other = g.geometry();
                }
                else {
                    ExistingSibling s = (ExistingSibling) candidate;
                    otherCode = s.code();
                    other = s.geometry();
                }
                try {
                    rules.requireNoOverlap(f.geometry(), other, otherCode, "geometry");
                }
                catch (DomainException ex) {
                    error(f, "geometry", ex.code(), ex.getMessage());
                }
            }
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

    /** A micro grid already in the platform next to imported ones. */
    record ExistingSibling(String code, Geometry geometry) {
    }
}
