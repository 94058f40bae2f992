package org.gridgov.grid;

/**
 * One problem of an import, per feature.
 *
 * @param feature 1-based position of the feature (GeoJSON) or data row (CSV, .xlsx) in the file; 0 for the whole file
 * @param row the spreadsheet row as Excel shows it (header = row 1, first data row = row 2) for CSV and .xlsx; null
 *        for GeoJSON and for problems of the whole file
 * @param nodeCode the feature's code, when it has one
 * @param field the property at fault: code, name, type, parentCode, partyOrganisation, geometry, or file
 */
public record ImportError(int feature, Integer row, String nodeCode, String field, String code, String message) {

    /** A problem of a feature without a spreadsheet row (GeoJSON, or the whole file). */
    public ImportError(int feature, String nodeCode, String field, String code, String message) {
        this(feature, null, nodeCode, field, code, message);
    }
}
