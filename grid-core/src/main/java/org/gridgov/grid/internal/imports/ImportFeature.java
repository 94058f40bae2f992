package org.gridgov.grid.internal.imports;

import org.locationtech.jts.geom.Geometry;

/** One feature (GeoJSON) or row (CSV) of an import, as read; checked by {@link ImportValidator}. */
record ImportFeature(int index, String code, String name, String type, String parentCode, boolean partyOrganisation,
        String geometryJson, Geometry geometry) {

    ImportFeature withGeometry(Geometry parsed) {
        return new ImportFeature(index, code, name, type, parentCode, partyOrganisation, null, parsed);
    }
}
