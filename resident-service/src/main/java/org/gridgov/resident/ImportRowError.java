package org.gridgov.resident;

/**
 * One problem of an import.
 *
 * @param line the row as Excel numbers it (the header is row 1, the first data row row 2); 0 for a problem of the
 *        whole file
 * @param field the column at fault, as named in the template
 */
public record ImportRowError(int line, String field, String code, String message) {
}
