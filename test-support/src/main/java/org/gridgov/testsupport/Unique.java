package org.gridgov.testsupport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique values for test data, so that tests sharing the JVM's one database never collide and need no cleanup
 * between them.
 */
public final class Unique {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private Unique() {
    }

    /** A numeric suffix unique in this JVM run. */
    public static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /** {@code prefix} followed by a unique number, e.g. {@code code("T")} → {@code T123456789}. */
    public static String code(String prefix) {
        return prefix + next();
    }
}
