package org.gridgov.shared.web;

import org.gridgov.shared.DomainException;

/**
 * Optimistic locking over HTTP: a versioned resource's {@code ETag} is its version; an update must send it back
 * in {@code If-Match}. Missing → 428, stale → 412 (see docs/API.md).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version a client names in {@code If-Match} ({@code "3"} or {@code W/"3"}).
     *
     * @throws DomainException 428 when the header is missing, 412 when it names no version of ours
     */
    public static long requireVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(DomainException.Kind.PRECONDITION_REQUIRED, "resource.precondition-required",
                    "Send the resource's ETag in If-Match to change it.");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        }
        catch (NumberFormatException ex) {
            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "resource.version-stale",
                    "If-Match " + ifMatch + " does not name a current version of this resource.");
        }
    }
}
