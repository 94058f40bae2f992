package org.gridgov.grid.internal.imports;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature (GeoJSON) or row (CSV, .xlsx) of an import, as read; checked by {@link ImportValidator}.
 *
 * @param index 1-based position among the file's features / data rows
 * @param partyOrganisation null when the file does not say (no such column or property, or a blank cell): the
 *        stored flag is then kept
 * @param row the row as Excel numbers it (header = row 1) for CSV and .xlsx; null for GeoJSON
 */
record ImportFeature(int index, String code, String name, String type, String parentCode, Boolean partyOrganisation,
        String geometryJson, Geometry geometry, Integer row) {

    ImportFeature withGeometry(Geometry parsed) {
        return new ImportFeature(index, code, name, type, parentCode, partyOrganisation, null, parsed, row);
    }

    ImportFeature withCode(String generated) {
        return new ImportFeature(index, generated, name, type, parentCode, partyOrganisation, geometryJson, geometry,
                row);
    }
}
