package org.gridgov.resident;

/** The full value of one personal-data field, after an audited reveal. */
public record RevealedValue(long residentId, String field, String value) {
}
