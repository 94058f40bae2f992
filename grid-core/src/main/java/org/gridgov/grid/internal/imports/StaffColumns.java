package org.gridgov.grid.internal.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gridgov.grid.StaffRole;

/** The columns of a bulk staff import, by English key or Chinese heading, and the Chinese names of the roles. */
public final class StaffColumns {

    /** key → the headings accepted for it. */
    public static final Map<String, List<String>> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put("name", List.of("姓名", "人员姓名", "personName"));
        HEADINGS.put("role", List.of("角色", "岗位", "职务"));
        HEADINGS.put("gridCode", List.of("网格编码", "网格代码", "代码", "编码"));
        HEADINGS.put("phone", List.of("电话", "联系电话", "工作电话", "手机", "workPhone"));
        HEADINGS.put("fromDate", List.of("起始日期", "开始日期", "到岗日期", "assignedFrom"));
        HEADINGS.put("toDate", List.of("截止日期", "结束日期", "离岗日期", "assignedTo"));
        HEADINGS.put("primaryWorker", List.of("主责", "是否主责", "主责网格员"));
    }

    static final List<String> REQUIRED = List.of("name", "role", "gridCode");

    static final Map<String, StaffRole> ROLE_NAMES = new LinkedHashMap<>();

    static {
        ROLE_NAMES.put("微网格员", StaffRole.MICRO_GRID_WORKER);
        for (String name : List.of("网格员", "一般网格员", "专职网格员")) {
            ROLE_NAMES.put(name, StaffRole.GENERAL_GRID_WORKER);
        }
        ROLE_NAMES.put("专属网格员", StaffRole.DEDICATED_GRID_WORKER);
        ROLE_NAMES.put("楼栋长", StaffRole.BUILDING_HEAD);
        for (String name : List.of("社区工作者", "社工")) {
            ROLE_NAMES.put(name, StaffRole.COMMUNITY_WORKER);
        }
        for (String name : List.of("街道干部", "街道工作人员")) {
            ROLE_NAMES.put(name, StaffRole.STREET_OFFICER);
        }
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("uuuu-M-d"),
            DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu.M.d"),
            DateTimeFormatter.ofPattern("uuuu年M月d日"));

    private StaffColumns() {
    }

    static Map<String, Integer> indexes(List<String> header) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        HEADINGS.keySet().forEach(k -> indexes.put(k, -1));
        for (int i = 0; i < header.size(); i++) {
            String h = normalise(header.get(i));
            for (Map.Entry<String, List<String>> column : HEADINGS.entrySet()) {
                if (indexes.get(column.getKey()) < 0 && (normalise(column.getKey()).equals(h)
                        || column.getValue().stream().anyMatch(c -> normalise(c).equals(h)))) {
                    indexes.put(column.getKey(), i);
                }
            }
        }
        return indexes;
    }

    /** A role by enum name (any case) or Chinese name; null when unknown. */
    static StaffRole role(String written) {
        String r = written.strip();
        StaffRole chinese = ROLE_NAMES.get(r);
        if (chinese != null) {
            return chinese;
        }
        try {
            return StaffRole.valueOf(r.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** 2026-12-01, 2026/12/1, 2026.12.1 or 2026年12月1日; null when none of them. */
    static LocalDate date(String written) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(written.strip(), format);
            }
            catch (DateTimeParseException ex) {
                // the next one
            }
        }
        return null;
    }

    private static String normalise(String heading) {
        return heading == null ? "" : heading.replace("\uFEFF", "").replace(" ", "").replace("\u3000", "").strip()
            .toLowerCase(Locale.ROOT);
    }
}
