package org.gridgov.shared;

/**
 * One rejected field of a request.
 *
 * @param field the field's path as the client sent it, e.g. {@code boundary} or {@code items[2].code}
 * @param code stable machine-readable reason
 * @param message human-readable reason
 */
public record FieldViolation(String field, String code, String message) {
}
