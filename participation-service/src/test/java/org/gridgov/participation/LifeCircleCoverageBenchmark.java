package org.gridgov.participation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.HttpTestClient.Response;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (benchmarks/participation/life-circle.sh, docs/BENCHMARKS.md "Participation — life-circle coverage"): a
 * community of 5,000 located dwellings (250 buildings of 20 over about 2.5 × 2.5 km) and 500 facilities of the eight
 * kinds over the same area plus a 15-minute margin; the coverage report through the REST API (HTTP, JSON of every gap
 * dwelling included) is timed after a warm-up, round by round; fails when the 95th percentile reaches the goal of 1 s.
 * Not part of {@code ./mvnw verify} (no failsafe default include matches the name: a timing on a shared 2-core
 * machine is a benchmark, not a check); the script runs it by name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifeCircleCoverageBenchmark {

    static final int DWELLINGS = Integer.getInteger("benchmark.dwellings", 5_000);
    static final int FACILITIES = Integer.getInteger("benchmark.facilities", 500);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 10);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_coverage_report_of_5000_dwellings_and_500_facilities_answers_within_a_second() throws Exception {
        TestTree tree = new GridTreeFixture(HttpTestClient.at(port).as(TestCaller.admin())).tree();
        Random random = new Random(20261217);
        double lat0 = tree.lat() - 0.011;
        double lng0 = tree.lng() - 0.015;
        double span = 0.023; // ≈ 2.5 km of latitude, ≈ 2 km of longitude at 40° N
        String communityPath = jdbc.queryForObject("select path from grid_node where id = ?", String.class,
                tree.community().id());
        String microPath = jdbc.queryForObject("select path from grid_node where id = ?", String.class,
                tree.micro().id());
        long compound = jdbc.queryForObject("insert into resident_compound (code, name, community_id, community_path) "
                + "values (?, '基准小区', ?, ?) returning id", Long.class, "BENCH" + Unique.next(),
                tree.community().id(), communityPath);
        List<Object[]> dwellings = new ArrayList<>();
        for (int b = 0; b < DWELLINGS / 20; b++) {
            long building = jdbc.queryForObject("insert into resident_building (compound_id, code, name, lat, lng) "
                    + "values (?, ?, ?, ?, ?) returning id", Long.class, compound, "B" + b, b + "栋",
                    lat0 + random.nextDouble() * span, lng0 + random.nextDouble() * span);
            for (int d = 0; d < 20; d++) {
                dwellings.add(new Object[] { building, String.valueOf(101 + d), tree.micro().id(), microPath });
            }
        }
        jdbc.batchUpdate("insert into resident_dwelling (building_id, room, grid_id, grid_path) values (?, ?, ?, ?)",
                dwellings);
        List<Object[]> facilities = new ArrayList<>();
        FacilityKind[] kinds = FacilityKind.values();
        double margin = 0.006; // ≈ 670 m north–south, 510 m east–west: inside 15 minutes (831 m) of the bounding box
        for (int f = 0; f < FACILITIES; f++) {
            facilities.add(new Object[] { tree.community().id(), communityPath, kinds[f % kinds.length].name(),
                    f % 3 == 0 ? "FIVE_TO_TEN_MINUTES" : "FIFTEEN_MINUTES", "设施" + f,
                    lat0 - margin + random.nextDouble() * (span + 2 * margin),
                    lng0 - margin + random.nextDouble() * (span + 2 * margin) });
        }
        jdbc.batchUpdate("insert into participation_facility (grid_id, grid_path, kind, level, name, lat, lng, "
                + "created_by) values (?, ?, ?, ?, ?, ?, ?, 'bench')", facilities);
        jdbc.execute("analyze participation_facility");
        jdbc.execute("analyze resident_dwelling");

        HttpTestClient worker = HttpTestClient.at(port).as(TestCaller.communityWorker(tree.community().id()));
        String url = "/api/v1/participation/life-circle/coverage?gridId=" + tree.community().id();
        Response first = worker.get(url);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("locatedDwellings").asInt()).isEqualTo(DWELLINGS);
        assertThat(first.json().path("facilities")).hasSize(FACILITIES);
        for (int i = 0; i < WARMUP; i++) {
            worker.get(url);
        }
        // the default report (gaps beyond 15 minutes), then the heaviest answer: gaps beyond 5 minutes
        String result = "life-circle coverage benchmark\n" + rounds(worker, url, "thresholdMinutes=15")
                + rounds(worker, url + "&thresholdMinutes=5", "thresholdMinutes=5");
        System.out.println(result);
        Path out = Path.of(System.getProperty("benchmark.out", "target/life-circle-benchmark.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, result);
        assertThat(worst).as(result).isLessThan(1000);
    }

    /** The slowest p95 of the series timed so far. */
    double worst;

    private String rounds(HttpTestClient worker, String url, String label) {
        double[] http = new double[ROUNDS];
        long[] computed = new long[ROUNDS];
        int gaps = 0;
        long bytes = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long started = System.nanoTime();
            Response response = worker.get(url);
            http[i] = (System.nanoTime() - started) / 1e6;
            assertThat(response.status()).isEqualTo(200);
            computed[i] = response.json().path("computedInMillis").asLong();
            gaps = response.json().path("gaps").size();
            bytes = response.body().length();
        }
        Arrays.sort(http);
        Arrays.sort(computed);
        int p95 = (int) Math.ceil(ROUNDS * 0.95) - 1;
        worst = Math.max(worst, http[p95]);
        return String.format(java.util.Locale.ROOT, """
                [%s] dwellings=%d facilities=%d warmup=%d rounds=%d gapDwellings=%d responseChars=%d
                [%s] http_ms median=%.1f p95=%.1f max=%.1f min=%.1f
                [%s] service_ms (computedInMillis: dwellings read through the port + facilities + computation) median=%d p95=%d max=%d
                """, label, DWELLINGS, FACILITIES, WARMUP, ROUNDS, gaps, bytes, label, http[ROUNDS / 2], http[p95],
                http[ROUNDS - 1], http[0], label, computed[ROUNDS / 2], computed[p95], computed[ROUNDS - 1]);
    }
}
