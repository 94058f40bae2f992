package org.gridgov.grid.internal.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.grid.GridType;

/**
 * The columns of a grid import in CSV or .xlsx, by English key or the Chinese headings offices use (docs/API.md),
 * and the Chinese names of the grid types. Headings match ignoring case, spaces and a BOM.
 */
public final class GridColumns {

    /** key → the headings accepted for it; the first Chinese one is the template's. */
    public static final Map<String, List<String>> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put("code", List.of("代码", "编码", "网格编码", "网格代码", "区划代码"));
        HEADINGS.put("name", List.of("名称", "网格名称"));
        HEADINGS.put("type", List.of("类型", "层级", "网格类型"));
        HEADINGS.put("parentCode", List.of("上级代码", "上级编码", "上级网格编码", "上级网格代码"));
        HEADINGS.put("partyOrganisation", List.of("党组织", "是否建立党组织"));
        HEADINGS.put("boundary", List.of("边界", "边界GeoJSON"));
    }

    /** Type names as written in offices' spreadsheets; the English enum names are accepted in any case too. */
    static final Map<String, GridType> TYPE_NAMES = new LinkedHashMap<>();

    static {
        for (String name : List.of("区", "县", "区县", "区/县", "区（县）", "县级市", "区县级")) {
            TYPE_NAMES.put(name, GridType.DISTRICT);
        }
        for (String name : List.of("街道", "镇", "乡", "街道/镇", "乡镇", "街镇", "镇（街道）")) {
            TYPE_NAMES.put(name, GridType.STREET);
        }
        for (String name : List.of("社区", "村", "社区/村", "村（社区）", "社区（村）", "总网格", "社区总网格")) {
            TYPE_NAMES.put(name, GridType.COMMUNITY);
        }
        TYPE_NAMES.put("一般网格", GridType.GENERAL_GRID);
        TYPE_NAMES.put("网格", GridType.GENERAL_GRID);
        TYPE_NAMES.put("微网格", GridType.MICRO_GRID);
        TYPE_NAMES.put("专属网格", GridType.DEDICATED_GRID);
    }

    private GridColumns() {
    }

    /** The key of a heading (English key or a Chinese heading), or null. */
    static String keyOf(String heading) {
        String h = normalise(heading);
        for (Map.Entry<String, List<String>> column : HEADINGS.entrySet()) {
            if (column.getKey().equalsIgnoreCase(h) || column.getValue().stream().anyMatch(c -> normalise(c).equals(h))) {
                return column.getKey();
            }
        }
        return null;
    }

    /** Index of each key in the header row, -1 when absent. */
    static Map<String, Integer> indexes(List<String> header) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        HEADINGS.keySet().forEach(k -> indexes.put(k, -1));
        for (int i = 0; i < header.size(); i++) {
            String key = keyOf(header.get(i));
            if (key != null && indexes.get(key) < 0) {
                indexes.put(key, i);
            }
        }
        return indexes;
    }

    /**
     * The type's enum name for a type as written (一般网格, 微网格, 区县, micro_grid…); what it was when unknown, so
     * the validator names it.
     */
    static String typeName(String written) {
        if (written == null) {
            return null;
        }
        String t = written.strip();
        GridType chinese = TYPE_NAMES.get(t.replace(" ", ""));
        if (chinese != null) {
            return chinese.name();
        }
        try {
            return GridType.valueOf(t.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_')).name();
        }
        catch (IllegalArgumentException ex) {
            return t;
        }
    }

    /** 是/否, yes/no, true/false, y/n, 1/0, 有/无; null for a blank cell; empty Optional for anything else. */
    static java.util.Optional<Boolean> flag(String written) {
        String f = written == null ? "" : written.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "是", "有", "yes", "y", "true", "1", "√" -> java.util.Optional.of(true);
            case "否", "无", "no", "n", "false", "0", "×" -> java.util.Optional.of(false);
            default -> java.util.Optional.empty();
        };
    }

    private static String normalise(String heading) {
        return heading == null ? "" : heading.replace("\uFEFF", "").replace(" ", "").replace("\u3000", "").strip()
            .toLowerCase(Locale.ROOT);
    }
}
