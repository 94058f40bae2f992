package org.gridgov.grid.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gridgov.GridCoreTestApplication;
import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridLocator;
import org.gridgov.grid.GridNodeRef;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Locate benchmark of the in-process spatial index ({@link GridLocator#gridAt(GeoPoint)}, a JTS STRtree over
 * prepared geometries) against the full synthetic city, and a correctness check against PostGIS in the same
 * database. Not a test: run by {@code benchmarks/grid/run.sh}.
 * <p>
 * Starts grid core alone ({@link GridCoreTestApplication}, no web server, no scheduling, no Flyway: the schema and
 * data must already be there, and a {@code grid_poly} table as built by {@code benchmarks/grid/sql/grid_poly.sql}),
 * then:
 * <ol>
 *   <li>warms up (JIT) on random points;</li>
 *   <li>single-thread latency: every call timed with {@link System#nanoTime()} over {@code --points} random points
 *       in the city's bounding box, percentiles from the sorted array;</li>
 *   <li>throughput: {@code --threads} threads calling for {@code --seconds} seconds;</li>
 *   <li>correctness: {@code --check} random points answered by us and by PostGIS must name the same node;
 *       and a probe of points exactly on the shared edge of two micro grids, where the semantics differ.</li>
 * </ol>
 * Prints {@code key=value} lines (also written to {@code --out}).
 * <p>
 * Arguments: {@code --url=jdbc:postgresql://… --user=… --password=… [--points=1000000] [--seconds=30]
 * [--threads=2] [--check=10000] [--edge-probes=200] [--warmup-seconds=10] [--seed=20261123] [--out=file]}.
 */
public final class LocateBenchmark {

    static final double MIN_LNG = 102.9;
    static final double MAX_LNG = 104.9;
    static final double MIN_LAT = 30.1;
    static final double MAX_LAT = 31.5;

    /** The PostGIS locate of locate.sql, plus node_id as a last tie-break so that the answer is deterministic. */
    static final String POSTGIS_LOCATE = """
            select node_id from grid_poly
             where ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
             order by priority desc, ST_Area(geom), node_id limit 1""";

    private final Map<String, String> results = new LinkedHashMap<>();

    private LocateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        new LocateBenchmark().run(opts);
        System.exit(0);
    }

    private void run(Map<String, String> opts) throws Exception {
        int points = Integer.parseInt(opts.getOrDefault("points", "1000000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "30"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        int check = Integer.parseInt(opts.getOrDefault("check", "10000"));
        int edgeProbes = Integer.parseInt(opts.getOrDefault("edge-probes", "200"));
        int warmupSeconds = Integer.parseInt(opts.getOrDefault("warmup-seconds", "10"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "20261123"));

        long startNanos = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GridCoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=" + require(opts, "url"),
                "spring.datasource.username=" + require(opts, "user"),
                "spring.datasource.password=" + opts.getOrDefault("password", ""),
                "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=none",
                "gridgov.scheduling.enabled=false",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "logging.level.org.gridgov.grid.internal.GridSpatialIndex=INFO")
            .run();
        try {
            GridLocator locator = context.getBean(GridLocator.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            // the index loads at ApplicationReadyEvent; one call makes sure it is there
            locator.gridAt(new GeoPoint(30.5, 104.0));
            put("context_start_s", String.format("%.1f", (System.nanoTime() - startNanos) / 1e9));
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            put("heap_used_after_gc_mb", Long.toString(heap.getUsed() >> 20));
            put("active_boundaries", String.valueOf(jdbc.queryForObject(
                    "select count(*) from grid_boundary b join grid_node n on n.id = b.node_id "
                            + "where b.valid_to is null and n.status = 'ACTIVE'", Long.class)));

            warmUp(locator, warmupSeconds, seed ^ 0x5eed);
            latency(locator, points, seed);
            throughput(locator, threads, seconds, seed);
            correctness(locator, jdbc, check, seed ^ 0xC0FFEE);
            edgeProbe(locator, jdbc, edgeProbes, seed);
        }
        finally {
            context.close();
        }
        if (opts.containsKey("out")) {
            StringBuilder text = new StringBuilder();
            results.forEach((k, v) -> text.append("locate_").append(k).append('=').append(v).append('\n'));
            try {
                Files.writeString(Path.of(opts.get("out")), text);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private void warmUp(GridLocator locator, int seconds, long seed) throws InterruptedException {
        // both single-threaded and concurrently, so that C2 has compiled the hot paths before anything is measured
        double[][] pts = randomPoints(200_000, seed);
        long end = System.nanoTime() + seconds * 1_000_000_000L / 2;
        long sink = 0;
        long calls = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < pts[0].length; i++) {
                sink += locator.gridAt(new GeoPoint(pts[0][i], pts[1][i])).map(GridNodeRef::id).orElse(0L);
            }
            calls += pts[0].length;
        }
        long[] counts = runThreads(locator, 2, Math.max(1, seconds / 2), seed + 99);
        put("warmup_calls", Long.toString(calls + counts[0] + counts[1]));
        blackhole(sink);
    }

    private void latency(GridLocator locator, int n, long seed) {
        double[][] pts = randomPoints(n, seed);
        long[] nanos = new long[n];
        long sink = 0;
        int empty = 0;
        long wall = System.nanoTime();
        for (int i = 0; i < n; i++) {
            GeoPoint p = new GeoPoint(pts[0][i], pts[1][i]);
            long t0 = System.nanoTime();
            Optional<GridNodeRef> grid = locator.gridAt(p);
            long t1 = System.nanoTime();
            nanos[i] = t1 - t0;
            if (grid.isPresent()) {
                sink += grid.get().id();
            }
            else {
                empty++;
            }
        }
        wall = System.nanoTime() - wall;
        blackhole(sink);
        java.util.Arrays.sort(nanos);
        double sum = 0;
        for (long v : nanos) {
            sum += v;
        }
        put("single_points", Integer.toString(n));
        put("single_empty_answers", Integer.toString(empty));
        put("single_mean_us", us(sum / n));
        put("single_p50_us", us(percentile(nanos, 0.50)));
        put("single_p90_us", us(percentile(nanos, 0.90)));
        put("single_p99_us", us(percentile(nanos, 0.99)));
        put("single_p999_us", us(percentile(nanos, 0.999)));
        put("single_max_us", us(nanos[n - 1]));
        put("single_ops_per_s", String.format("%.0f", n / (wall / 1e9)));
    }

    private void throughput(GridLocator locator, int threads, int seconds, long seed) throws InterruptedException {
        long cpu0 = processCpuNanos();
        long started = System.nanoTime();
        long[] counts = runThreads(locator, threads, seconds, seed + 7);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        put("mt_threads", Integer.toString(threads));
        put("mt_seconds", String.format("%.1f", elapsed));
        put("mt_calls", Long.toString(total));
        put("mt_ops_per_s", String.format("%.0f", total / elapsed));
        // the whole process (GC and JIT threads too) per call: less disturbed by other work on the machine
        put("mt_cpu_s", String.format("%.1f", cpu / 1e9));
        put("mt_cpu_us_per_call", String.format("%.2f", cpu / 1e3 / total));
    }

    private static long[] runThreads(GridLocator locator, int threads, int seconds, long seed)
            throws InterruptedException {
        long[] counts = new long[threads];
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            double[][] pts = randomPoints(1_000_000, seed + t);
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long n = 0;
                long sink = 0;
                int i = 0;
                while (!stop.get()) {
                    for (int k = 0; k < 1024; k++) {
                        sink += locator.gridAt(new GeoPoint(pts[0][i], pts[1][i])).map(GridNodeRef::id).orElse(0L);
                        if (++i == pts[0].length) {
                            i = 0;
                        }
                    }
                    n += 1024;
                }
                counts[index] = n;
                blackhole(sink);
            }, "locate-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        Thread.sleep(seconds * 1000L); // the measurement window (workers run meanwhile), not a wait for a condition
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return counts;
    }

    private void correctness(GridLocator locator, JdbcTemplate jdbc, int n, long seed) {
        double[][] pts = randomPoints(n, seed);
        int mismatches = 0;
        int bothEmpty = 0;
        long postgisNanos = 0;
        for (int i = 0; i < n; i++) {
            double lat = pts[0][i];
            double lng = pts[1][i];
            Long ours = locator.gridAt(new GeoPoint(lat, lng)).map(GridNodeRef::id).orElse(null);
            long t0 = System.nanoTime();
            List<Long> theirs = jdbc.queryForList(POSTGIS_LOCATE, Long.class, lng, lat);
            postgisNanos += System.nanoTime() - t0;
            Long postgis = theirs.isEmpty() ? null : theirs.get(0);
            if (ours == null && postgis == null) {
                bothEmpty++;
            }
            if (!java.util.Objects.equals(ours, postgis)) {
                mismatches++;
                if (mismatches <= 20) {
                    System.out.printf("MISMATCH lat=%s lng=%s ours=%s postgis=%s%n", lat, lng, describe(jdbc, ours),
                            describe(jdbc, postgis));
                }
            }
        }
        put("check_points", Integer.toString(n));
        put("check_mismatches", Integer.toString(mismatches));
        put("check_both_empty", Integer.toString(bothEmpty));
        put("check_postgis_jdbc_mean_us", us((double) postgisNanos / n));
    }

    /**
     * Points exactly on the west edge of a micro grid (the east edge of its neighbour: the generator gives both the
     * very same double). JTS {@code covers} counts the boundary, PostGIS {@code ST_Contains} does not, so here the
     * two may disagree: we answer one of the two micro grids (smaller area, then smaller id), PostGIS answers the
     * grid above them whose interior holds the point.
     */
    private void edgeProbe(GridLocator locator, JdbcTemplate jdbc, int n, long seed) {
        if (n <= 0) {
            return;
        }
        List<double[]> probes = jdbc.query("""
                select b.min_lng, (b.min_lat + b.max_lat) / 2 from grid_boundary b
                  join grid_node n on n.id = b.node_id
                 where b.valid_to is null and n.type = 'MICRO_GRID' and n.status = 'ACTIVE'
                 order by hashtext(n.code || ?) limit ?""",
                (rs, row) -> new double[] { rs.getDouble(1), rs.getDouble(2) }, Long.toString(seed), n);
        int differ = 0;
        int oursMicro = 0;
        int postgisMicro = 0;
        for (double[] probe : probes) {
            double lng = probe[0];
            double lat = probe[1];
            Long ours = locator.gridAt(new GeoPoint(lat, lng)).map(GridNodeRef::id).orElse(null);
            List<Long> theirs = jdbc.queryForList(POSTGIS_LOCATE, Long.class, lng, lat);
            Long postgis = theirs.isEmpty() ? null : theirs.get(0);
            if (!java.util.Objects.equals(ours, postgis)) {
                differ++;
            }
            if ("MICRO_GRID".equals(type(jdbc, ours))) {
                oursMicro++;
            }
            if ("MICRO_GRID".equals(type(jdbc, postgis))) {
                postgisMicro++;
            }
        }
        put("edge_probes", Integer.toString(probes.size()));
        put("edge_differ", Integer.toString(differ));
        put("edge_ours_micro", Integer.toString(oursMicro));
        put("edge_postgis_micro", Integer.toString(postgisMicro));
    }

    private static String type(JdbcTemplate jdbc, Long id) {
        if (id == null) {
            return null;
        }
        return jdbc.queryForObject("select type from grid_node where id = ?", String.class, id);
    }

    private static String describe(JdbcTemplate jdbc, Long id) {
        if (id == null) {
            return "none";
        }
        return jdbc.queryForObject("select id || ' ' || type || ' ' || code from grid_node where id = ?",
                String.class, id);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /** {@code [lat[], lng[]]}, uniform in the city's bounding box. */
    static double[][] randomPoints(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] lat = new double[n];
        double[] lng = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT);
            lng[i] = MIN_LNG + random.nextDouble() * (MAX_LNG - MIN_LNG);
        }
        return new double[][] { lat, lng };
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String us(double nanos) {
        return String.format("%.2f", nanos / 1000.0);
    }

    private static volatile long blackholeSink;

    private static void blackhole(long value) {
        blackholeSink += value;
    }

    private void put(String key, String value) {
        results.put(key, value);
        System.out.println("locate_" + key + "=" + value);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            }
            opts.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }
}
