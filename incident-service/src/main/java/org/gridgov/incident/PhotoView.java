package org.gridgov.incident;

import java.time.Instant;

/** A photo of an incident (its bytes are fetched separately). */
public record PhotoView(long id, String mediaType, int sizeBytes, String uploadedBy, Instant uploadedAt) {
}
