package org.gridgov.grid.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.util.Random;

import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.gridgov.grid.synthetic.SyntheticCity.Summary;

import static org.gridgov.grid.synthetic.CityNames.COMMUNITY_STEMS;
import static org.gridgov.grid.synthetic.CityNames.DEDICATED_KINDS;
import static org.gridgov.grid.synthetic.CityNames.DISTRICTS;
import static org.gridgov.grid.synthetic.Tiling.share;
import static org.gridgov.grid.synthetic.Tiling.splitChild;

/**
 * One generation run of the tree, level by level so every parent precedes its children: codes, names and
 * rectangles of each grid, and the staff who serve it. The levels above the micro grids are kept in arrays (their
 * children need them); micro grids are streamed, one general grid's worth at a time.
 */
final class CityTree {

    private static final long SALT_DISTRICTS = 0x44495354L;
    private static final long SALT_DEDICATED = 0x44454449L;

    private final Summary plan;
    private final long seed;
    private final FeatureWriter features;
    private final StaffWriter staff;

    /** The rectangles ({@link Tiling}) and codes of one level of the tree. */
    private record Level(double[] rects, String[] codes) {

        Level(int size) {
            this(new double[4 * size], new String[size]);
        }
    }

    /** @param csv the staff CSV, or null to count the staff only */
    CityTree(Summary plan, long seed, Writer geojson, Writer csv) {
        this.plan = plan;
        this.seed = seed;
        this.features = new FeatureWriter(geojson);
        this.staff = new StaffWriter(csv, seed);
    }

    /** Writes the whole city and returns what was written. */
    Summary run() throws IOException {
        features.start();
        staff.start();
        String cityCode = plan.cities() == 0 ? null : writeCity();
        Level districts = districts(cityCode);
        Level streets = streets(districts);
        String[] communityStems = new String[plan.communities()];
        Level communities = communities(streets, communityStems);
        int[] microsPerCommunity = new int[plan.communities()];
        Level generals = generalGrids(communities, microsPerCommunity);
        microGrids(generals);
        dedicatedGrids(communities, communityStems, microsPerCommunity);
        features.finish();
        staff.finish();
        return new Summary(features.written(GridType.CITY), features.written(GridType.DISTRICT), features.written(GridType.STREET),
                features.written(GridType.COMMUNITY), features.written(GridType.GENERAL_GRID),
                features.written(GridType.MICRO_GRID), features.written(GridType.DEDICATED_GRID), staff.count());
    }

    /** The CITY root: the whole bounding box, which the districts tile. */
    private String writeCity() throws IOException {
        double[] box = { SyntheticCity.MIN_LNG, SyntheticCity.MIN_LAT, SyntheticCity.MAX_LNG, SyntheticCity.MAX_LAT };
        features.feature(SyntheticCity.CITY_CODE, SyntheticCity.CITY_NAME, GridType.CITY, null, box, 0);
        return SyntheticCity.CITY_CODE;
    }

    /** Districts tile the bounding box, with seeded varying row heights and column widths. */
    private Level districts(String cityCode) throws IOException {
        int nd = plan.districts();
        Level districts = new Level(nd);
        Tiling.split(SyntheticCity.MIN_LNG, SyntheticCity.MIN_LAT, SyntheticCity.MAX_LNG, SyntheticCity.MAX_LAT, nd,
                new Random(SyntheticCity.mix(seed, SALT_DISTRICTS)), districts.rects(), 0);
        for (int d = 0; d < nd; d++) {
            districts.codes()[d] = DISTRICTS[d][0];
            features.feature(districts.codes()[d], DISTRICTS[d][1], GridType.DISTRICT, cityCode, districts.rects(), d);
        }
        return districts;
    }

    private Level streets(Level districts) throws IOException {
        int nd = plan.districts();
        int ns = plan.streets();
        Level streets = new Level(ns);
        String[] codes = streets.codes();
        int s = 0;
        for (int d = 0; d < nd; d++) {
            int k = share(ns, nd, d);
            splitChild(districts.rects(), d, k, streets.rects(), s);
            for (int j = 0; j < k; j++, s++) {
                codes[s] = districts.codes()[d] + pad(j + 1, 3);
                features.feature(codes[s], "第" + (j + 1) + "街道", GridType.STREET, districts.codes()[d],
                        streets.rects(), s);
            }
        }
        return streets;
    }

    /** Communities, each with a community worker; their name stems go to {@code stems} for the dedicated grids. */
    private Level communities(Level streets, String[] stems) throws IOException {
        int ns = plan.streets();
        int nc = plan.communities();
        Level communities = new Level(nc);
        String[] codes = communities.codes();
        int c = 0;
        for (int s = 0; s < ns; s++) {
            int k = share(nc, ns, s);
            splitChild(streets.rects(), s, k, communities.rects(), c);
            for (int j = 0; j < k; j++, c++) {
                codes[c] = streets.codes()[s] + pad(j + 1, 3);
                int stem = (int) ((s * 37L + j) % COMMUNITY_STEMS.length);
                int round = j / COMMUNITY_STEMS.length;
                stems[c] = COMMUNITY_STEMS[stem] + (round == 0 ? "" : Integer.toString(round + 1));
                features.feature(codes[c], stems[c] + "社区", GridType.COMMUNITY, streets.codes()[s],
                        communities.rects(), c);
                staff.staff(codes[c], StaffRole.COMMUNITY_WORKER, false);
            }
        }
        return communities;
    }

    /** General grids with their workers; counts the micro grids each community will get into {@code micros}. */
    private Level generalGrids(Level communities, int[] micros) throws IOException {
        int nc = plan.communities();
        int ng = plan.generalGrids();
        Level generals = new Level(ng);
        String[] codes = generals.codes();
        int g = 0;
        for (int c = 0; c < nc; c++) {
            int k = share(ng, nc, c);
            splitChild(communities.rects(), c, k, generals.rects(), g);
            for (int j = 0; j < k; j++, g++) {
                codes[g] = communities.codes()[c] + "G" + pad(j + 1, 2);
                micros[c] += share(plan.microGrids(), ng, g);
                features.feature(codes[g], "第" + (j + 1) + "网格", GridType.GENERAL_GRID, communities.codes()[c],
                        generals.rects(), g);
                staff.staff(codes[g], StaffRole.GENERAL_GRID_WORKER, true);
            }
        }
        return generals;
    }

    /** Micro grids: streamed, only one general grid's worth of rectangles at a time. */
    private void microGrids(Level generals) throws IOException {
        int ng = plan.generalGrids();
        int nm = plan.microGrids();
        double[] micros = new double[4 * (nm / ng + 1)];
        int m = 0;
        for (int g = 0; g < ng; g++) {
            int k = share(nm, ng, g);
            splitChild(generals.rects(), g, k, micros, 0);
            for (int j = 0; j < k; j++, m++) {
                String code = generals.codes()[g] + "M" + pad(j + 1, 2);
                features.feature(code, "第" + (j + 1) + "微网格", GridType.MICRO_GRID, generals.codes()[g], micros, j);
                staff.staff(code, StaffRole.MICRO_GRID_WORKER, true);
                if (m % SyntheticCity.BUILDING_HEAD_EVERY == SyntheticCity.BUILDING_HEAD_EVERY - 1) {
                    staff.staff(code, StaffRole.BUILDING_HEAD, false);
                }
            }
        }
    }

    /**
     * Dedicated grids: one seeded small rectangle, 10–30 % of the community's mean micro-grid side, strictly inside
     * each of the community's slots, so they never overlap each other.
     */
    private void dedicatedGrids(Level communities, String[] stems, int[] microsPerCommunity) throws IOException {
        int nc = plan.communities();
        int nx = plan.dedicatedGrids();
        double[] slots = new double[4 * (nx / nc + 1)];
        double[] rect = new double[4];
        double[] rects = communities.rects();
        for (int c = 0; c < nc; c++) {
            int k = share(nx, nc, c);
            if (k == 0) {
                continue;
            }
            Random random = new Random(SyntheticCity.mix(seed, SALT_DEDICATED + c));
            splitChild(rects, c, k, slots, 0);
            double cx0 = rects[4 * c];
            double cy0 = rects[4 * c + 1];
            double cx1 = rects[4 * c + 2];
            double cy1 = rects[4 * c + 3];
            double metresRatio = Math.cos(Math.toRadians((cy0 + cy1) / 2));
            // Mean micro-grid side in "latitude degrees" (metres up to a constant).
            double microSide = Math.sqrt((cx1 - cx0) * metresRatio * (cy1 - cy0) / microsPerCommunity[c]);
            int[] perKind = new int[DEDICATED_KINDS.length];
            for (int j = 0; j < k; j++) {
                double sx0 = slots[4 * j];
                double sy0 = slots[4 * j + 1];
                double sw = slots[4 * j + 2] - sx0;
                double sh = slots[4 * j + 3] - sy0;
                double w = Math.min(0.8 * sw, microSide / metresRatio * (0.10 + 0.20 * random.nextDouble()));
                double h = Math.min(0.8 * sh, microSide * (0.10 + 0.20 * random.nextDouble()));
                double x0 = sx0 + 0.1 * sw + random.nextDouble() * (0.8 * sw - w);
                double y0 = sy0 + 0.1 * sh + random.nextDouble() * (0.8 * sh - h);
                rect[0] = x0;
                rect[1] = y0;
                rect[2] = x0 + w;
                rect[3] = y0 + h;
                int kind = random.nextInt(DEDICATED_KINDS.length);
                int nth = ++perKind[kind];
                String name = stems[c] + (nth == 1 ? "" : "第" + nth) + DEDICATED_KINDS[kind];
                String code = communities.codes()[c] + "D" + pad(j + 1, 2);
                features.feature(code, name, GridType.DEDICATED_GRID, communities.codes()[c], rect, 0);
                staff.staff(code, StaffRole.DEDICATED_GRID_WORKER, true);
            }
        }
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
