package org.gridgov.grid;

/**
 * One problem of an import, per feature.
 *
 * @param feature 1-based position of the feature (GeoJSON) or data row (CSV) in the file
 * @param nodeCode the feature's code, when it has one
 * @param field the property at fault: code, name, type, parentCode or geometry
 */
public record ImportError(int feature, String nodeCode, String field, String code, String message) {
}
