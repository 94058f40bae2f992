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
import org.gridgov.grid.StaffRole;

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
 * <p>Only the JDK is used, so it runs from the compiled classes:
 * {@code java -cp grid-core/target/classes org.gridgov.grid.synthetic.SyntheticCity --out city.geojson
 * [--staff-out staff.csv] [--scale 1.0] [--seed 20261123]} (or {@code scripts/generate-city.sh}).
 */
public final class SyntheticCity {

    public static final long DEFAULT_SEED = 20261123L;
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

    static final String CSV_HEADER = "gridCode,personName,role,workPhone,primaryWorker";

    // Per-parent limits imposed by the code formats.
    private static final int MAX_STREETS_PER_DISTRICT = 999;
    private static final int MAX_COMMUNITIES_PER_STREET = 999;
    private static final int MAX_GENERAL_PER_COMMUNITY = 999;
    private static final int MAX_MICRO_PER_GENERAL = 99;
    private static final int MAX_DEDICATED_PER_COMMUNITY = 99;

    private static final long SALT_DISTRICTS = 0x44495354L;
    private static final long SALT_DEDICATED = 0x44454449L;
    private static final long SALT_STAFF = 0x53544146L;

    /** The 23 district-level units; codes 510109–510111 (the functional zones) are made up but look real. */
    private static final String[][] DISTRICTS = {
        {"510104", "锦江区"}, {"510105", "青羊区"}, {"510106", "金牛区"}, {"510107", "武侯区"},
        {"510108", "成华区"}, {"510112", "龙泉驿区"}, {"510113", "青白江区"}, {"510114", "新都区"},
        {"510115", "温江区"}, {"510116", "双流区"}, {"510117", "郫都区"}, {"510118", "新津区"},
        {"510121", "金堂县"}, {"510129", "大邑县"}, {"510131", "蒲江县"}, {"510181", "都江堰市"},
        {"510182", "彭州市"}, {"510183", "邛崃市"}, {"510184", "崇州市"}, {"510185", "简阳市"},
        {"510109", "高新区"}, {"510110", "天府新区"}, {"510111", "东部新区"},
    };

    private static final String[] COMMUNITY_STEMS = {
        "和平", "幸福", "光华", "建设", "新华", "人民", "春熙", "红星", "锦官", "文殊", "草堂", "浣花", "青龙", "白果",
        "金沙", "望江", "东湖", "西池", "南苑", "北站", "长顺", "宽窄", "玉林", "芳草", "桐梓", "紫荆", "棕北", "莲花",
        "高升", "双桥", "万年", "驷马", "沙河", "府河", "锦城", "天府", "华阳", "正兴", "兴隆", "永安", "太平", "吉祥",
        "祥和", "安康", "康乐", "福源", "瑞景", "蓝天", "碧水", "清泉", "翠竹", "桂花", "海棠", "银杏", "芙蓉", "梧桐",
        "杨柳", "柏树", "松林", "竹林", "花园", "桥头", "石板", "龙泉", "凤凰", "麒麟", "金牛", "银河", "星光", "月亮湾",
        "朝阳", "晨光", "新村", "和谐", "团结", "友谊", "振兴", "繁荣", "丰收", "五星",
    };

    private static final String[] DEDICATED_KINDS = {
        "小学", "中学", "幼儿园", "医院", "社区卫生服务中心", "农贸市场", "公园", "产业园", "科技有限公司",
    };

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
        "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "谭", "廖", "贾", "夏", "付", "方", "邹", "熊",
        "欧阳", "司马",
    };

    private static final String[] GIVEN = {
        "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "兰",
        "霞", "平", "刚", "桂", "华", "建", "国", "志", "红", "梅", "玉", "海", "燕", "鹏", "辉", "婷", "琳", "欣", "宇", "浩",
        "晨", "阳", "雪", "梦", "佳", "思", "雨", "文", "斌", "瑶", "蓉", "川", "蜀", "锦", "成", "林", "春", "秋", "凤", "龙",
    };

    private static final String[] PHONE_PREFIXES = {
        "138", "139", "136", "137", "135", "158", "159", "188", "187", "150", "151", "152", "182", "183", "186", "189",
        "133", "153", "180", "181", "177", "199",
    };

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
        Summary plan = plan(scale);
        Generator generator = new Generator(plan, seed, buffered(geojson),
                staffCsvOrNull == null ? null : buffered(staffCsvOrNull));
        Summary written = generator.run();
        if (!written.equals(plan)) {
            throw new IllegalStateException("generated " + written + " but planned " + plan);
        }
        return written;
    }

    /** {@link #generate(double, long, Writer, Writer)} into UTF-8 files, creating their parent directories. */
    public static Summary generate(double scale, long seed, Path geojson, Path staffCsvOrNull) throws IOException {
        createParent(geojson);
        try (Writer geo = Files.newBufferedWriter(geojson, StandardCharsets.UTF_8)) {
            if (staffCsvOrNull == null) {
                return generate(scale, seed, geo, null);
            }
            createParent(staffCsvOrNull);
            try (Writer staff = Files.newBufferedWriter(staffCsvOrNull, StandardCharsets.UTF_8)) {
                return generate(scale, seed, geo, staff);
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
            summary = generate(scale, seed, geojson, staff);
        } catch (IOException e) {
            err.println("error: could not write the city: " + e);
            return 1;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.println(String.format(Locale.ROOT, "Synthetic city, scale %s, seed %d", scale, seed));
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
                + " [--seed <long, default " + DEFAULT_SEED + ">]";
    }

    /** How many nodes of each type and how many staff the city has. */
    public record Summary(int districts, int streets, int communities, int generalGrids, int microGrids,
            int dedicatedGrids, int staff) {

        public int count(GridType type) {
            return switch (type) {
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
            return districts + streets + communities + generalGrids + microGrids + dedicatedGrids;
        }

        /** A multi-line table for people. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (GridType type : GridType.values()) {
                sb.append(String.format(Locale.ROOT, "  %-15s %,9d%n", type, count(type)));
            }
            sb.append(String.format(Locale.ROOT, "  %-15s %,9d%n", "features", features()));
            sb.append(String.format(Locale.ROOT, "  %-15s %,9d", "staff", staff));
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

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

    /** SplitMix64 of seed and salt: independent, well-spread seeds for the {@link Random}s of each purpose. */
    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A coordinate with at most 7 decimals, '.' as separator, no trailing zeros (e.g. 104.9, 30.1234568, 103). */
    static void appendCoordinate(StringBuilder sb, double value) {
        long scaled = Math.round(value * 1e7);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / 10_000_000L);
        long fraction = scaled % 10_000_000L;
        if (fraction != 0) {
            int digits = 7;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            sb.append('.');
            String f = Long.toString(fraction);
            for (int i = f.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(f);
        }
    }

    static void appendJsonString(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }

    /** One generation run; level arrays above the micro grids are kept, micro grids are streamed. */
    private static final class Generator {

        private final Summary plan;
        private final long seed;
        private final Writer geo;
        private final Writer csv;
        private final StringBuilder sb = new StringBuilder(512);
        private char[] chars = new char[1024];
        private final int[] written = new int[GridType.values().length];
        private boolean firstFeature = true;
        private final Random staffRandom;
        private long staffIndex;
        private final long phoneOffset;
        private int staffCount;

        Generator(Summary plan, long seed, Writer geo, Writer csv) {
            this.plan = plan;
            this.seed = seed;
            this.geo = geo;
            this.csv = csv;
            this.staffRandom = new Random(mix(seed, SALT_STAFF));
            this.phoneOffset = Math.floorMod(mix(seed, SALT_STAFF + 1), 100_000_000L);
        }

        Summary run() throws IOException {
            geo.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            if (csv != null) {
                csv.write(CSV_HEADER);
                csv.write('\n');
            }

            // Districts tile the bounding box, with seeded varying row heights and column widths.
            int nd = plan.districts();
            double[] districts = new double[4 * nd];
            String[] districtCodes = new String[nd];
            split(MIN_LNG, MIN_LAT, MAX_LNG, MAX_LAT, nd, new Random(mix(seed, SALT_DISTRICTS)), districts, 0);
            for (int d = 0; d < nd; d++) {
                districtCodes[d] = DISTRICTS[d][0];
                feature(districtCodes[d], DISTRICTS[d][1], GridType.DISTRICT, null, districts, d);
            }

            int ns = plan.streets();
            double[] streets = new double[4 * ns];
            String[] streetCodes = new String[ns];
            int s = 0;
            for (int d = 0; d < nd; d++) {
                int k = share(ns, nd, d);
                splitChild(districts, d, k, streets, s);
                for (int j = 0; j < k; j++, s++) {
                    streetCodes[s] = districtCodes[d] + pad(j + 1, 3);
                    feature(streetCodes[s], "第" + (j + 1) + "街道", GridType.STREET, districtCodes[d], streets, s);
                }
            }

            int nc = plan.communities();
            double[] communities = new double[4 * nc];
            String[] communityCodes = new String[nc];
            String[] communityStems = new String[nc];
            int c = 0;
            for (s = 0; s < ns; s++) {
                int k = share(nc, ns, s);
                splitChild(streets, s, k, communities, c);
                for (int j = 0; j < k; j++, c++) {
                    communityCodes[c] = streetCodes[s] + pad(j + 1, 3);
                    int stem = (int) ((s * 37L + j) % COMMUNITY_STEMS.length);
                    int round = j / COMMUNITY_STEMS.length;
                    communityStems[c] = COMMUNITY_STEMS[stem] + (round == 0 ? "" : Integer.toString(round + 1));
                    feature(communityCodes[c], communityStems[c] + "社区", GridType.COMMUNITY, streetCodes[s],
                            communities, c);
                    staff(communityCodes[c], StaffRole.COMMUNITY_WORKER, false);
                }
            }

            int ng = plan.generalGrids();
            double[] generals = new double[4 * ng];
            String[] generalCodes = new String[ng];
            int[] microsPerCommunity = new int[nc];
            int g = 0;
            for (c = 0; c < nc; c++) {
                int k = share(ng, nc, c);
                splitChild(communities, c, k, generals, g);
                for (int j = 0; j < k; j++, g++) {
                    generalCodes[g] = communityCodes[c] + "G" + pad(j + 1, 2);
                    microsPerCommunity[c] += share(plan.microGrids(), ng, g);
                    feature(generalCodes[g], "第" + (j + 1) + "网格", GridType.GENERAL_GRID, communityCodes[c],
                            generals, g);
                    staff(generalCodes[g], StaffRole.GENERAL_GRID_WORKER, true);
                }
            }

            // Micro grids: streamed, only one general grid's worth of rectangles at a time.
            int nm = plan.microGrids();
            double[] micros = new double[4 * (nm / ng + 1)];
            int m = 0;
            for (g = 0; g < ng; g++) {
                int k = share(nm, ng, g);
                splitChild(generals, g, k, micros, 0);
                for (int j = 0; j < k; j++, m++) {
                    String code = generalCodes[g] + "M" + pad(j + 1, 2);
                    feature(code, "第" + (j + 1) + "微网格", GridType.MICRO_GRID, generalCodes[g], micros, j);
                    staff(code, StaffRole.MICRO_GRID_WORKER, true);
                    if (m % BUILDING_HEAD_EVERY == BUILDING_HEAD_EVERY - 1) {
                        staff(code, StaffRole.BUILDING_HEAD, false);
                    }
                }
            }

            int nx = plan.dedicatedGrids();
            double[] slots = new double[4 * (nx / nc + 1)];
            double[] rect = new double[4];
            for (c = 0; c < nc; c++) {
                int k = share(nx, nc, c);
                if (k == 0) {
                    continue;
                }
                Random random = new Random(mix(seed, SALT_DEDICATED + c));
                splitChild(communities, c, k, slots, 0);
                double cx0 = communities[4 * c];
                double cy0 = communities[4 * c + 1];
                double cx1 = communities[4 * c + 2];
                double cy1 = communities[4 * c + 3];
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
                    String name = communityStems[c] + (nth == 1 ? "" : "第" + nth) + DEDICATED_KINDS[kind];
                    String code = communityCodes[c] + "D" + pad(j + 1, 2);
                    feature(code, name, GridType.DEDICATED_GRID, communityCodes[c], rect, 0);
                    staff(code, StaffRole.DEDICATED_GRID_WORKER, true);
                }
            }

            geo.write("\n]}\n");
            geo.flush();
            if (csv != null) {
                csv.flush();
            }
            return new Summary(written[GridType.DISTRICT.ordinal()], written[GridType.STREET.ordinal()],
                    written[GridType.COMMUNITY.ordinal()], written[GridType.GENERAL_GRID.ordinal()],
                    written[GridType.MICRO_GRID.ordinal()], written[GridType.DEDICATED_GRID.ordinal()], staffCount);
        }

        private static void splitChild(double[] parents, int p, int n, double[] out, int outAt) {
            split(parents[4 * p], parents[4 * p + 1], parents[4 * p + 2], parents[4 * p + 3], n, null, out, outAt);
        }

        private void feature(String code, String name, GridType type, String parentCode, double[] rects, int i)
                throws IOException {
            double x0 = rects[4 * i];
            double y0 = rects[4 * i + 1];
            double x1 = rects[4 * i + 2];
            double y1 = rects[4 * i + 3];
            sb.setLength(0);
            if (!firstFeature) {
                sb.append(",\n");
            }
            firstFeature = false;
            sb.append("{\"type\":\"Feature\",\"properties\":{\"code\":");
            appendJsonString(sb, code);
            sb.append(",\"name\":");
            appendJsonString(sb, name);
            sb.append(",\"type\":\"").append(type.name()).append("\",\"parentCode\":");
            appendJsonString(sb, parentCode);
            sb.append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
            point(x0, y0).append(',');
            point(x1, y0).append(',');
            point(x1, y1).append(',');
            point(x0, y1).append(',');
            point(x0, y0);
            sb.append("]]}}");
            flushTo(geo);
            written[type.ordinal()]++;
        }

        private StringBuilder point(double x, double y) {
            sb.append('[');
            appendCoordinate(sb, x);
            sb.append(',');
            appendCoordinate(sb, y);
            return sb.append(']');
        }

        private void staff(String gridCode, StaffRole role, boolean primary) throws IOException {
            staffCount++;
            if (csv == null) {
                return;
            }
            Random r = staffRandom;
            sb.setLength(0);
            sb.append(gridCode).append(',');
            sb.append(SURNAMES[r.nextInt(SURNAMES.length)]);
            sb.append(GIVEN[r.nextInt(GIVEN.length)]);
            if (r.nextInt(10) < 7) {
                sb.append(GIVEN[r.nextInt(GIVEN.length)]);
            }
            sb.append(',').append(role.name()).append(',');
            // Unique per person: an affine bijection of the staff index onto 8 digits (multiplier coprime to 10).
            long digits = Math.floorMod(staffIndex++ * 7_368_787L + phoneOffset, 100_000_000L);
            sb.append(PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)]);
            String d = Long.toString(digits);
            for (int i = d.length(); i < 8; i++) {
                sb.append('0');
            }
            sb.append(d).append(',').append(primary).append('\n');
            flushTo(csv);
        }

        private void flushTo(Writer writer) throws IOException {
            int length = sb.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, 2 * chars.length)];
            }
            sb.getChars(0, length, chars, 0);
            writer.write(chars, 0, length);
        }
    }
}
