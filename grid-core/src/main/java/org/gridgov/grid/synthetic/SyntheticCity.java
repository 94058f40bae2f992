package org.gridgov.grid.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.gridgov.grid.GridType;

/**
 * A deterministic synthetic Chengdu: the whole grid tree (district → street → community → general grid → micro
 * grid, plus dedicated grids under communities) with rectangular WGS84 boundaries, and optionally one staff list,
 * for benchmarks, load and scale tests (import, locate, tree queries) without real data.
 *
 * <h2>What it produces</h2>
 * <ul>
 *   <li>A GeoJSON {@code FeatureCollection}, one {@code Feature} per grid node and one feature per line, streamed
 *       to a {@link Writer}. Properties: {@code code}, {@code name}, {@code type} (a {@link GridType} name),
 *       {@code parentCode} ({@code null} for districts). Geometry: a {@code Polygon} whose single ring is the
 *       closed, counter-clockwise rectangle {@code [x0,y0] [x1,y0] [x1,y1] [x0,y1] [x0,y0]} (lng/lat, at most 7
 *       decimals, '.' as decimal separator whatever the default locale). Features come level by level
 *       (districts, streets, communities, general grids, micro grids, dedicated grids), so every parent precedes
 *       its children.</li>
 *   <li>Optionally a staff CSV {@code gridCode,personName,role,workPhone,primaryWorker}: one primary
 *       {@code MICRO_GRID_WORKER} per micro grid, {@code GENERAL_GRID_WORKER} per general grid and
 *       {@code DEDICATED_GRID_WORKER} per dedicated grid, one non-primary {@code COMMUNITY_WORKER} per community,
 *       and one non-primary {@code BUILDING_HEAD} on every {@value #BUILDING_HEAD_EVERY}th micro grid.</li>
 * </ul>
 *
 * <h2>Sizes</h2>
 * At scale 1.0 the city has the Chengdu figures of DOMAIN.md §2: 23 districts, 260 streets, 3,000 communities,
 * 14,000 general grids, 119,000 micro grids and 11,000 dedicated grids. At scale {@code s} (see
 * {@link #plan(double)}):
 * <pre>
 * districts  = min(23, max(1, round(23 * s)))
 * streets    = max(districts,   round(260 * s))      every district needs at least one street
 * communities= max(streets,     round(3000 * s))     … and so on down the tree
 * general    = max(communities, round(14000 * s))
 * micro      = max(general,     round(119000 * s))
 * dedicated  = max(1,           round(11000 * s))
 * staff      = micro + general + dedicated + communities + floor(micro / 100)
 * </pre>
 * Children are spread over their parents as evenly as possible (parent {@code i} of {@code P} gets
 * {@code floor(N/P)}, plus one if {@code i < N mod P}). The four one-per-grid roles alone already add up to
 * 147,000 at scale 1.0, so with the building heads the full city has 148,190 staff. The number of districts is
 * capped at 23, so scales above about 88 would need more than 999 streets per district (three-digit street suffix)
 * and are refused; every other ratio stays the same at any scale.
 *
 * <h2>Geometry</h2>
 * Districts tile the box lng {@value #MIN_LNG}–{@value #MAX_LNG}, lat {@value #MIN_LAT}–{@value #MAX_LAT} (rows of
 * rectangles with seeded, varying heights and widths). Streets, communities, general grids and micro grids each
 * tile their parent exactly: the parent is cut into near-square rows × columns (squareness judged in metres, not
 * degrees) and neighbours share the very same {@code double} edge values, so they touch without gap or overlap,
 * also after formatting. Dedicated grids (schools, hospitals, markets, parks, enterprises) are small rectangles,
 * 10–30 % of the community's mean micro-grid side, placed strictly inside their community with a seeded
 * {@link Random}; they may overlap micro grids (intended: a dedicated grid wins a locate) but never each other.
 *
 * <h2>Deterministic guarantees</h2>
 * The same {@code (scale, seed)} gives byte-identical GeoJSON and CSV on every JVM and locale: only integer
 * arithmetic, {@link Random} with derived seeds and locale-free formatting are used, never hash order, time or
 * the default locale. The GeoJSON does not depend on whether a staff CSV is written. Codes and names depend only
 * on the scale; the seed moves the district edges, the dedicated grids and the staff names and phones.
 * Memory is bounded by the rectangles of the levels above the micro grids (micro grids are streamed).
 *
 * <h2>Parts</h2>
 * This class is the entry point (the plan, {@code generate}, the command line). {@link CityTree} walks the tree
 * level by level, {@link Tiling} cuts the rectangles, {@link CityNames} holds the place names, and
 * {@link FeatureWriter} and {@link StaffWriter} stream the two outputs.
 *
 * <p>Only the JDK is used, so it runs from the compiled classes:
 * {@code java -cp grid-core/target/classes org.gridgov.grid.synthetic.SyntheticCity --out city.geojson
 * [--staff-out staff.csv] [--scale 1.0] [--seed 20261123] [--city]} (or {@code scripts/generate-city.sh});
 * {@code --city} puts the districts under a CITY root, {@value #CITY_CODE} {@value #CITY_NAME}, whose boundary is
 * the bounding box.
 */
public final class SyntheticCity {

    public static final long DEFAULT_SEED = 20261123L;
    /** The CITY root's code and name with {@code --city}: Chengdu's GB/T 2260 code. */
    public static final String CITY_CODE = "510100";
    public static final String CITY_NAME = "成都市";
    public static final double MIN_LNG = 102.9;
    public static final double MAX_LNG = 104.9;
    public static final double MIN_LAT = 30.1;
    public static final double MAX_LAT = 31.5;

    static final int FULL_DISTRICTS = 23;
    static final int FULL_STREETS = 260;
    static final int FULL_COMMUNITIES = 3_000;
    static final int FULL_GENERAL_GRIDS = 14_000;
    static final int FULL_MICRO_GRIDS = 119_000;
    static final int FULL_DEDICATED_GRIDS = 11_000;
    /** One building head on every n-th micro grid (global micro-grid index {@code i} with {@code i % n == n - 1}). */
    static final int BUILDING_HEAD_EVERY = 100;

    // Per-parent limits imposed by the code formats.
    private static final int MAX_STREETS_PER_DISTRICT = 999;
    private static final int MAX_COMMUNITIES_PER_STREET = 999;
    private static final int MAX_GENERAL_PER_COMMUNITY = 999;
    private static final int MAX_MICRO_PER_GENERAL = 99;
    private static final int MAX_DEDICATED_PER_COMMUNITY = 99;

    private SyntheticCity() {
    }

    /**
     * The counts per type and the staff count of the city at this scale (formula in the class comment).
     *
     * @throws IllegalArgumentException if the scale is not a positive finite number or needs more children per
     *         parent than the code formats allow (scale above about 88)
     */
    public static Summary plan(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        if (scale > 1_000) {
            throw new IllegalArgumentException("scale " + scale + " is far too large");
        }
        int districts = (int) Math.min(FULL_DISTRICTS, Math.max(1, Math.round(FULL_DISTRICTS * scale)));
        int streets = (int) Math.max(districts, Math.round(FULL_STREETS * scale));
        int communities = (int) Math.max(streets, Math.round(FULL_COMMUNITIES * scale));
        int general = (int) Math.max(communities, Math.round(FULL_GENERAL_GRIDS * scale));
        int micro = (int) Math.max(general, Math.round(FULL_MICRO_GRIDS * scale));
        int dedicated = (int) Math.max(1, Math.round(FULL_DEDICATED_GRIDS * scale));
        checkPerParent(scale, "streets per district", streets, districts, MAX_STREETS_PER_DISTRICT);
        checkPerParent(scale, "communities per street", communities, streets, MAX_COMMUNITIES_PER_STREET);
        checkPerParent(scale, "general grids per community", general, communities, MAX_GENERAL_PER_COMMUNITY);
        checkPerParent(scale, "micro grids per general grid", micro, general, MAX_MICRO_PER_GENERAL);
        checkPerParent(scale, "dedicated grids per community", dedicated, communities, MAX_DEDICATED_PER_COMMUNITY);
        int staff = micro + general + dedicated + communities + micro / BUILDING_HEAD_EVERY;
        return new Summary(districts, streets, communities, general, micro, dedicated, staff);
    }

    private static void checkPerParent(double scale, String what, int children, int parents, int max) {
        int most = (children + parents - 1) / parents;
        if (most > max) {
            throw new IllegalArgumentException("scale " + scale + " needs " + most + " " + what
                    + " but the code format allows at most " + max);
        }
    }

    /**
     * Writes the city to the GeoJSON writer and, when {@code staffCsvOrNull} is not null, its staff to the CSV
     * writer. The writers are flushed, not closed. Use {@link Writer#nullWriter()} to discard an output.
     *
     * @return the counts written (equal to {@link #plan(double)}; {@code staff} counts the city's staff whether
     *         or not the CSV was asked for)
     */
    public static Summary generate(double scale, long seed, Writer geojson, Writer staffCsvOrNull)
            throws IOException {
        return generate(scale, seed, false, geojson, staffCsvOrNull);
    }

    /**
     * {@link #generate(double, long, Writer, Writer)}, with {@code withCity} under a CITY root (成都市 510100, the
     * bounding box): the first feature, parent of every district. Everything else is byte for byte the same apart
     * from the districts' {@code parentCode}.
     */
    public static Summary generate(double scale, long seed, boolean withCity, Writer geojson, Writer staffCsvOrNull)
            throws IOException {
        Summary plan = plan(scale).withCities(withCity ? 1 : 0);
        Summary written = new CityTree(plan, seed, buffered(geojson),
                staffCsvOrNull == null ? null : buffered(staffCsvOrNull)).run();
        if (!written.equals(plan)) {
            throw new IllegalStateException("generated " + written + " but planned " + plan);
        }
        return written;
    }

    /** {@link #generate(double, long, Writer, Writer)} into UTF-8 files, creating their parent directories. */
    public static Summary generate(double scale, long seed, Path geojson, Path staffCsvOrNull) throws IOException {
        return generate(scale, seed, false, geojson, staffCsvOrNull);
    }

    /** {@link #generate(double, long, boolean, Writer, Writer)} into UTF-8 files. */
    public static Summary generate(double scale, long seed, boolean withCity, Path geojson, Path staffCsvOrNull)
            throws IOException {
        createParent(geojson);
        try (Writer geo = Files.newBufferedWriter(geojson, StandardCharsets.UTF_8)) {
            if (staffCsvOrNull == null) {
                return generate(scale, seed, withCity, geo, null);
            }
            createParent(staffCsvOrNull);
            try (Writer staff = Files.newBufferedWriter(staffCsvOrNull, StandardCharsets.UTF_8)) {
                return generate(scale, seed, withCity, geo, staff);
            }
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static Writer buffered(Writer writer) {
        return writer instanceof BufferedWriter ? writer : new BufferedWriter(writer, 1 << 16);
    }

    /**
     * Command line: {@code --out <file>} (required), {@code --staff-out <file>}, {@code --scale <double>} (default
     * 1.0), {@code --seed <long>} (default {@value #DEFAULT_SEED}). Prints the summary and the elapsed time.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line without {@link System#exit}: 0 on success, 1 on an I/O failure, 2 on bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path geojson = null;
        Path staff = null;
        double scale = 1.0;
        long seed = DEFAULT_SEED;
        boolean withCity = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.println(usage());
                    return 0;
                }
                if (arg.equals("--city")) {
                    withCity = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value after " + arg);
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--out" -> geojson = Path.of(value);
                    case "--staff-out" -> staff = Path.of(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (geojson == null) {
                throw new IllegalArgumentException("--out <file> is required");
            }
            plan(scale);
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            err.println("error: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        long start = System.nanoTime();
        Summary summary;
        try {
            summary = generate(scale, seed, withCity, geojson, staff);
        } catch (IOException e) {
            err.println("error: could not write the city: " + e);
            return 1;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.println(String.format(Locale.ROOT, "Synthetic city, scale %s, seed %d%s", scale, seed,
                withCity ? ", under the CITY root " + CITY_CODE : ""));
        out.println(summary.describe());
        out.println("GeoJSON:   " + geojson + sizeOf(geojson));
        if (staff != null) {
            out.println("Staff CSV: " + staff + sizeOf(staff));
        }
        out.println(String.format(Locale.ROOT, "Elapsed:   %d ms", millis));
        return 0;
    }

    private static String sizeOf(Path file) {
        try {
            return String.format(Locale.ROOT, " (%,d bytes)", Files.size(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String usage() {
        return "usage: SyntheticCity --out <city.geojson> [--staff-out <staff.csv>] [--scale <double, default 1.0>]"
                + " [--seed <long, default " + DEFAULT_SEED + ">] [--city (districts under a CITY root "
                + CITY_CODE + ")]";
    }

    /**
     * How many nodes of each type and how many staff the city has.
     *
     * @param cities 1 when the districts hang under a CITY root (成都市 510100), else 0
     */
    public record Summary(int cities, int districts, int streets, int communities, int generalGrids,
            int microGrids, int dedicatedGrids, int staff) {

        /** A city without the CITY root: its districts are the roots. */
        public Summary(int districts, int streets, int communities, int generalGrids, int microGrids,
                int dedicatedGrids, int staff) {
            this(0, districts, streets, communities, generalGrids, microGrids, dedicatedGrids, staff);
        }

        /** The same counts with (1) or without (0) the CITY root. */
        public Summary withCities(int cities) {
            return new Summary(cities, districts, streets, communities, generalGrids, microGrids, dedicatedGrids,
                    staff);
        }

        public int count(GridType type) {
            return switch (type) {
                case CITY -> cities;
                case DISTRICT -> districts;
                case STREET -> streets;
                case COMMUNITY -> communities;
                case GENERAL_GRID -> generalGrids;
                case MICRO_GRID -> microGrids;
                case DEDICATED_GRID -> dedicatedGrids;
            };
        }

        /** All grid nodes, i.e. GeoJSON features. */
        public int features() {
            return cities + districts + streets + communities + generalGrids + microGrids + dedicatedGrids;
        }

        /** A multi-line table for people. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (GridType type : GridType.values()) {
                if (type == GridType.CITY && cities == 0) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "  %-15s %,9d%n", type, count(type)));
            }
            sb.append(String.format(Locale.ROOT, "  %-15s %,9d%n", "features", features()));
            sb.append(String.format(Locale.ROOT, "  %-15s %,9d", "staff", staff));
            return sb.toString();
        }
    }

    /** SplitMix64 of seed and salt: independent, well-spread seeds for the {@link Random}s of each purpose. */
    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
