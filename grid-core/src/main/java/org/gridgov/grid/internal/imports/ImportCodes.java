package org.gridgov.grid.internal.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.grid.GridType;
import org.gridgov.grid.internal.GridCodes;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives the rows of an import that leave the code empty — grids below the community — the next codes under their
 * parent ({@link GridCodes#next}), counting the parent's children in the platform (retired ones too) and the codes
 * already given in the file. Rows of the administrative levels without a code stay without one; the validator
 * refuses them.
 */
final class ImportCodes {

    private ImportCodes() {
    }

    static List<ImportFeature> assign(List<ImportFeature> features, JdbcTemplate jdbc) {
        Set<String> parents = new HashSet<>();
        for (ImportFeature f : features) {
            if (needsCode(f)) {
                parents.add(f.parentCode());
            }
        }
        if (parents.isEmpty()) {
            return features;
        }
        Map<String, Set<String>> taken = new HashMap<>();
        jdbc.query("""
                select p.code as parent_code, n.code from grid_node n join grid_node p on p.id = n.parent_id
                 where p.code = any(?)""", rs -> {
            taken.computeIfAbsent(rs.getString("parent_code"), k -> new HashSet<>()).add(rs.getString("code"));
        }, (Object) parents.toArray(String[]::new));
        for (ImportFeature f : features) {
            if (f.code() != null && f.parentCode() != null) {
                taken.computeIfAbsent(f.parentCode(), k -> new HashSet<>()).add(f.code());
            }
        }
        List<ImportFeature> assigned = new ArrayList<>(features.size());
        for (ImportFeature f : features) {
            if (needsCode(f)) {
                Set<String> siblings = taken.computeIfAbsent(f.parentCode(), k -> new HashSet<>());
                String code = GridCodes.next(GridType.valueOf(f.type()), f.parentCode(), siblings);
                siblings.add(code);
                assigned.add(f.withCode(code));
            }
            else {
                assigned.add(f);
            }
        }
        return assigned;
    }

    private static boolean needsCode(ImportFeature f) {
        GridType type = ImportValidator.type(f);
        return f.code() == null && f.parentCode() != null && type != null && GridCodes.generated(type);
    }
}
