package org.gridgov.grid.synthetic;

import java.util.Random;

/**
 * The geometry of the synthetic city: a rectangle {@code x0,y0,x1,y1} (lng/lat) cut into near-square tiles that
 * share their edges exactly, and children spread over their parents as evenly as possible. Rectangles travel as
 * {@code double[]} of four values each, so a level of 119,000 grids is one array, not 119,000 objects.
 */
final class Tiling {

    private Tiling() {
    }

    /** {@code i}-th of {@code parents} shares of {@code total}: floor, plus one for the first {@code total % parents}. */
    static int share(int total, int parents, int i) {
        return total / parents + (i < total % parents ? 1 : 0);
    }

    /**
     * Cuts the rectangle {@code r[4*at..4*at+3] = x0,y0,x1,y1} into {@code n} rectangles written to {@code out}
     * from index {@code outAt} on: near-square rows (in metres), each row cut into its share of columns. Outer
     * edges are the parent's own values and shared edges the same doubles, so the pieces tile the parent exactly.
     * With {@code weights} the row heights and column widths vary by ±25 %.
     */
    static void split(double x0, double y0, double x1, double y1, int n, Random weights, double[] out, int outAt) {
        double metresRatio = Math.cos(Math.toRadians((y0 + y1) / 2));
        double width = (x1 - x0) * metresRatio;
        double height = y1 - y0;
        int rows = (int) Math.max(1, Math.min(n, Math.round(Math.sqrt(n * height / width))));
        double[] rowEdges = edges(y0, y1, rows, weights);
        int cell = outAt;
        for (int r = 0; r < rows; r++) {
            int cols = share(n, rows, r);
            double[] colEdges = edges(x0, x1, cols, weights);
            for (int c = 0; c < cols; c++, cell++) {
                out[4 * cell] = colEdges[c];
                out[4 * cell + 1] = rowEdges[r];
                out[4 * cell + 2] = colEdges[c + 1];
                out[4 * cell + 3] = rowEdges[r + 1];
            }
        }
    }

    /** {@link #split} of the parent rectangle {@code parents[4*p..4*p+3]} into {@code n} equal-weight pieces. */
    static void splitChild(double[] parents, int p, int n, double[] out, int outAt) {
        split(parents[4 * p], parents[4 * p + 1], parents[4 * p + 2], parents[4 * p + 3], n, null, out, outAt);
    }

    private static double[] edges(double from, double to, int k, Random weights) {
        double[] edges = new double[k + 1];
        edges[0] = from;
        edges[k] = to;
        if (weights == null) {
            for (int i = 1; i < k; i++) {
                edges[i] = from + (to - from) * i / k;
            }
        } else {
            double[] cumulative = new double[k + 1];
            for (int i = 1; i <= k; i++) {
                cumulative[i] = cumulative[i - 1] + 0.75 + 0.5 * weights.nextDouble();
            }
            for (int i = 1; i < k; i++) {
                edges[i] = from + (to - from) * (cumulative[i] / cumulative[k]);
            }
        }
        return edges;
    }
}
