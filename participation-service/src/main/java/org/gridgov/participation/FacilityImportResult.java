package org.gridgov.participation;

/**
 * What an import wrote: every row, or (on any problem) nothing.
 *
 * @param format GEOJSON, CSV or XLSX
 * @param rows data rows (features) read
 * @param created new facilities
 * @param updated facilities of the same grid, kind and name whose level, address or location was replaced
 */
public record FacilityImportResult(String format, int rows, int created, int updated) {
}
