package org.gridgov.resident;

/**
 * One problem of an import.
 *
 * @param line 1-based data row (the header is row 0); 0 for a problem of the whole file
 * @param field the column at fault, as named in the template
 */
public record ImportRowError(int line, String field, String code, String message) {
}
