package org.gridgov.grid.web;

/** Media types of the table downloads, for {@code produces}. */
final class TableFormats {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private TableFormats() {
    }
}
