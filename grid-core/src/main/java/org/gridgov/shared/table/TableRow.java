package org.gridgov.shared.table;

import java.util.List;

/**
 * One row of a spreadsheet as Excel numbers it (the header is row 1, the first data row row 2), its cells as text:
 * stripped, a neutralised formula ({@code '=…}) restored, dates as {@code yyyy-MM-dd}.
 */
public record TableRow(int number, List<String> cells) {

    public TableRow {
        cells = List.copyOf(cells);
    }

    /** The cell in {@code column} (0-based), "" when the row is shorter. */
    public String cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }

    /** The cell in {@code column}, null when absent or blank. */
    public String value(int column) {
        String cell = cell(column);
        return cell.isEmpty() ? null : cell;
    }

    public boolean isBlank() {
        return cells.stream().allMatch(String::isEmpty);
    }

    /**
     * The first column (0-based) holding bytes that are not text in the file's charset (the reader put U+FFFD in
     * their place), or -1. Such a row must fail, never be imported garbled.
     */
    public int undecodableColumn() {
        for (int c = 0; c < cells.size(); c++) {
            if (cells.get(c).indexOf('\uFFFD') >= 0) {
                return c;
            }
        }
        return -1;
    }
}
