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
     * Checks an {@code If-Match} header against the current version.
     *
     * @throws DomainException 428 when the header is missing, 412 when it names another version
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(DomainException.Kind.PRECONDITION_REQUIRED, "resource.precondition-required",
                    "Send the resource's ETag in If-Match to update it.");
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "resource.version-stale",
                "The resource has changed (current ETag " + current + "); fetch it again and retry.");
    }
}
