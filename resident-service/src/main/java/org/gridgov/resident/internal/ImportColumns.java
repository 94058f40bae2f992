package org.gridgov.resident.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of the resident import template, by their English key and the Chinese heading communities already
 * use in their spreadsheets; either works, in any order. A row without {@code name} records only the dwelling.
 * {@code careLevel} is the three-colour care level (红/黄/绿 or RED/YELLOW/GREEN; 三色等级 is read as the same column).
 */
public final class ImportColumns {

    /** key → Chinese heading, in template order. */
    public static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("compoundCode", "小区编码");
        COLUMNS.put("compoundName", "小区名称");
        COLUMNS.put("buildingCode", "楼栋编号");
        COLUMNS.put("buildingName", "楼栋名称");
        COLUMNS.put("unit", "单元");
        COLUMNS.put("room", "房号");
        COLUMNS.put("microGridCode", "微网格编码");
        COLUMNS.put("name", "姓名");
        COLUMNS.put("gender", "性别");
        COLUMNS.put("birthDate", "出生日期");
        COLUMNS.put("idType", "证件类型");
        COLUMNS.put("idNumber", "证件号码");
        COLUMNS.put("phone", "联系电话");
        COLUMNS.put("ethnicity", "民族");
        COLUMNS.put("populationType", "人口类型");
        COLUMNS.put("relationToHead", "与户主关系");
        COLUMNS.put("movedIn", "入住日期");
        COLUMNS.put("partyMember", "党员");
        COLUMNS.put("volunteer", "志愿者");
        COLUMNS.put("tags", "标签");
        COLUMNS.put("careLevel", "关爱等级");
        COLUMNS.put("careReason", "关爱原因");
    }

    /** Other headings communities use for a column. */
    private static final Map<String, String> ALIASES = Map.of("三色等级", "careLevel", "关爱级别", "careLevel");

    public static final List<String> REQUIRED = List.of("compoundCode", "buildingCode", "room", "microGridCode");

    private ImportColumns() {
    }

    /** The key of a heading (English key or Chinese heading, case and spaces ignored), or null. */
    public static String keyOf(String heading) {
        if (heading == null) {
            return null;
        }
        String h = heading.replace("\uFEFF", "").strip();
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            if (column.getKey().equalsIgnoreCase(h) || column.getValue().equals(h)) {
                return column.getKey();
            }
        }
        return ALIASES.get(h);
    }

    /** For a data row: the index of each key in the header, -1 when absent. */
    public static Map<String, Integer> indexes(String[] header) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        COLUMNS.keySet().forEach(k -> indexes.put(k, -1));
        for (int i = 0; i < header.length; i++) {
            String key = keyOf(header[i]);
            if (key != null && indexes.get(key) < 0) {
                indexes.put(key, i);
            }
        }
        return indexes;
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
