package org.gridgov.resident.internal;

/**
 * Neutralises spreadsheet formulas in exported text (CSV/formula injection): a cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return is prefixed with {@code '}, so {@code =cmd|' /C calc'!A0} is shown as
 * text instead of run when the export is opened in Excel or WPS.
 */
public final class SafeCells {

    private SafeCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
