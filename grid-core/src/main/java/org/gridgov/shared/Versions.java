package org.gridgov.shared;

/** Optimistic locking checks, for services handed the version a client last saw. */
public final class Versions {

    private Versions() {
    }

    /** @throws DomainException 412 when {@code expected} is not the current version */
    public static void requireCurrent(long current, long expected, String what) {
        if (current != expected) {
            throw new DomainException(DomainException.Kind.PRECONDITION_FAILED, "resource.version-stale",
                    what + " has changed (now version " + current + ", you sent " + expected
                            + "); fetch it again and retry.");
        }
    }
}
