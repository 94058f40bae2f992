package org.gridgov.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parts of the map that no other test of this JVM uses, so tests sharing the one database never see each other's
 * grids when they locate a point or when the platform checks that siblings do not overlap. Two sizes, in two bands
 * of latitude that never meet: small cells for a grid tree per test, large ones for tests that draw many grids.
 */
public final class TestAreas {

    /** Side of a small cell, in degrees. */
    public static final double SMALL = 0.1;
    /** Side of a large cell, in degrees. */
    public static final double LARGE = 3.2;

    private static final AtomicInteger SMALL_CELLS = new AtomicInteger();
    private static final AtomicInteger LARGE_CELLS = new AtomicInteger();

    private TestAreas() {
    }

    /** The south-west corner [lng, lat] of a fresh {@value #SMALL}° cell (latitudes 40° to 50°, 55,000 cells). */
    public static double[] small() {
        int n = SMALL_CELLS.getAndIncrement();
        return new double[] { 75 + (n % 550) * SMALL, 40 + (n / 550) * SMALL };
    }

    /**
     * The south-west corner [lng, lat] of a fresh {@value #LARGE}° cell (latitudes 21° to 40°, 98 cells). Cells that
     * touch the generated Chengdu (102.9–104.9°E, 30.1–31.5°N, where grid core's import test puts the synthetic city
     * with its roots) are skipped: roots of the tree may not overlap.
     */
    public static double[] large() {
        while (true) {
            int n = LARGE_CELLS.getAndIncrement();
            if (n >= 17 * 6) {
                throw new IllegalStateException("no large test area left: use small ones");
            }
            double lng = 75 + (n % 17) * LARGE;
            double lat = 21 + (n / 17) * LARGE;
            boolean onChengdu = lng < 104.9 && lng + LARGE > 102.9 && lat < 31.5 && lat + LARGE > 30.1;
            if (!onChengdu) {
                return new double[] { lng, lat };
            }
        }
    }
}
