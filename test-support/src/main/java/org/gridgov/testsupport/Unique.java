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

    /**
     * A district code unique in this JVM run that keeps the code rule (6 digits, not ending in 00): {@code 9} and 5
     * digits, a province number GB/T 2260 does not use, so it never meets a real (or synthetic) Chengdu code.
     */
    public static String districtCode() {
        long n = SEQUENCE.incrementAndGet() % 100_000;
        while (n % 100 == 0) {
            n = SEQUENCE.incrementAndGet() % 100_000;
        }
        return "9" + String.format(java.util.Locale.ROOT, "%05d", n);
    }

    /**
     * A city code unique in this JVM run that keeps the code rule (6 digits ending in 00): {@code 8}, 3 digits and
     * {@code 00}; the districts under it share its first 4 digits, so they never meet {@link #districtCode()}'s.
     */
    public static String cityCode() {
        long n = SEQUENCE.incrementAndGet() % 1_000;
        return "8" + String.format(java.util.Locale.ROOT, "%03d", n) + "00";
    }

    /** {@code prefix} followed by a unique number, e.g. {@code code("T")} → {@code T123456789}. */
    public static String code(String prefix) {
        return prefix + next();
    }
}
