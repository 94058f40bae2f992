package org.gridgov.shared.table;

/**
 * Neutralises spreadsheet formulas in exported text (CSV/formula injection): a cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return is prefixed with {@code '}, so {@code =cmd|' /C calc'!A0} is shown as
 * text instead of run when the export is opened in Excel or WPS. {@link #restore} undoes it when such a file is
 * imported again, so an export re-imports unchanged.
 */
public final class SafeCells {

    private SafeCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return isTrigger(value.charAt(0)) ? "'" + value : value;
    }

    /** The original text of a neutralised cell ({@code '=x} → {@code =x}); any other text as it is. */
    public static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && isTrigger(value.charAt(1))) {
            return value.substring(1);
        }
        return value;
    }

    private static boolean isTrigger(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
