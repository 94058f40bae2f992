package org.gridgov.grid;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridgov.testsupport.GridTreeFixture.code;
import static org.gridgov.testsupport.GridTreeFixture.id;
import static org.gridgov.testsupport.GridTreeFixture.square;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DutiesDepartmentsFiguresIT {

    @LocalServerPort
    int port;

    HttpTestClient http;
    GridTreeFixture grids;
    GridApi trees;

    @TestConfiguration
    static class ContributorConfiguration {

        /** A module contributing its figures through the extension point. */
        @Bean
        GridFiguresContributor sampleContributor() {
            return new GridFiguresContributor() {
                @Override
                public String key() {
                    return "sample";
                }

                @Override
                public Map<String, Object> figures(GridSubtree subtree) {
                    return Map.of("rootId", subtree.rootId());
                }
            };
        }
    }

    @BeforeEach
    void setUp() {
        http = HttpTestClient.at(port);
        grids = new GridTreeFixture(http);
        trees = new GridApi(grids);
    }

    @Test
    void work_on_the_duty_list_is_admitted_and_other_work_needs_a_recorded_approval() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), null);
        JsonNode micro = grids.create("MICRO_GRID", general, null);
        String check = "/api/v1/admissions/check?nodeId=" + id(micro) + "&role=MICRO_GRID_WORKER&workCode=";

        var onList = http.get(check + "CARE_VISIT").json();
        var before = http.get(check + "CENSUS_SURVEY").json();
        var approval = http.post("/api/v1/admissions", "{\"nodeId\":" + id(tree.street()) + ",\"role\":\"MICRO_GRID_WORKER\","
                + "\"workCode\":\"CENSUS_SURVEY\",\"workTitle\":\"人口普查入户登记\",\"reason\":\"第七次人口普查街道统一安排\"}");
        var after = http.get(check + "CENSUS_SURVEY").json();

        assertThat(onList.path("outcome").asString()).isEqualTo("ON_DUTY_LIST");
        assertThat(before.path("outcome").asString()).isEqualTo("NOT_ADMITTED");
        assertThat(approval.status()).as(approval.toString()).isEqualTo(201);
        assertThat(after.path("outcome").asString()).isEqualTo("APPROVED");
        assertThat(after.path("reason").asString()).isEqualTo("第七次人口普查街道统一安排");
        assertThat(http.get("/api/v1/duties?gridType=MICRO_GRID&role=MICRO_GRID_WORKER").json()).hasSizeGreaterThan(3);
    }

    @Test
    void departments_attach_to_districts_and_streets_only() {
        var tree = trees.tree(104.0, 30.5);
        String code = Unique.code("GAS");

        var created = http.post("/api/v1/departments", "{\"code\":\"" + code + "\",\"name\":\"燃气公司东升站\","
                + "\"kind\":\"GAS\",\"nodeId\":" + id(tree.street()) + ",\"phone\":\"028-85800000\"}");
        var onCommunity = http.post("/api/v1/departments", "{\"code\":\"" + Unique.code("X") + "\",\"name\":\"x\","
                + "\"kind\":\"GAS\",\"nodeId\":" + id(tree.community()) + "}");
        var summonable = http.get("/api/v1/departments?nodeId=" + id(tree.community()) + "&summonable=true").json();

        assertThat(created.status()).isEqualTo(201);
        assertThat(onCommunity.status()).isEqualTo(422);
        assertThat(onCommunity.json().path("code").asString()).isEqualTo("department.node-type");
        assertThat(summonable.toString()).contains(code);
    }

    @Test
    void figures_count_the_subtree_and_include_contributed_figures() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), square(104.0, 30.5, 0.5));
        JsonNode staffed = grids.create("MICRO_GRID", general, square(104.0, 30.5, 0.1));
        grids.create("MICRO_GRID", general, null);
        grids.create("DEDICATED_GRID", tree.community(), square(104.3, 30.6, 0.05));
        grids.staff(id(staffed), "陈敏", "MICRO_GRID_WORKER", true);

        var figures = http.get("/api/v1/grids/" + id(tree.community()) + "/figures").json();

        assertThat(figures.path("descendantsByType").path("GENERAL_GRID").asLong()).isEqualTo(1);
        assertThat(figures.path("descendantsByType").path("MICRO_GRID").asLong()).isEqualTo(2);
        assertThat(figures.path("descendantsByType").path("DEDICATED_GRID").asLong()).isEqualTo(1);
        assertThat(figures.path("staffByRole").path("MICRO_GRID_WORKER").asLong()).isEqualTo(1);
        assertThat(figures.path("gridsWithoutPrimaryWorker").asLong()).isEqualTo(3);
        assertThat(figures.path("gridsWithoutBoundary").asLong()).isEqualTo(1);
        assertThat(figures.path("extensions").path("sample").path("rootId").asLong()).isEqualTo(id(tree.community()));
    }

    @Test
    void figures_report_per_community_the_area_no_micro_grid_covers_with_its_shape() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), GridTreeFixture.rectangle(104.0, 30.5,
                104.5, 31.5));
        grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.0, 30.5, 104.25, 31.5));
        grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.25, 30.5, 104.5, 31.5));
        // a dedicated grid does not cover: only micro grids do
        grids.create("DEDICATED_GRID", tree.community(), square(104.6, 31.0, 0.1));
        JsonNode tiled = grids.create("COMMUNITY", tree.street(), GridTreeFixture.rectangle(103.5, 30.0, 104.0, 30.5));
        JsonNode tiledGeneral = grids.create("GENERAL_GRID", tiled, GridTreeFixture.rectangle(103.5, 30.0, 104.0, 30.5));
        grids.create("MICRO_GRID", tiledGeneral, GridTreeFixture.rectangle(103.5, 30.0, 103.8, 30.5));
        grids.create("MICRO_GRID", tiledGeneral, GridTreeFixture.rectangle(103.8, 30.0, 104.0, 30.5));

        JsonNode community = http.get("/api/v1/grids/" + id(tree.community()) + "/figures").json();
        JsonNode street = http.get("/api/v1/grids/" + id(tree.street()) + "/figures").json();
        JsonNode district = http.get("/api/v1/grids/" + id(tree.district()) + "/figures").json();

        JsonNode gap = community.path("coverageGaps").get(0);
        assertThat(community.path("coverageGaps")).hasSize(1);
        assertThat(gap.path("community").path("code").asString()).isEqualTo(tree.communityCode());
        assertThat(gap.path("gapShare").asDouble()).isEqualTo(0.5);
        assertThat(gap.path("gapSquareMetres").asLong()).isCloseTo(gap.path("communitySquareMetres").asLong() / 2,
                org.assertj.core.data.Offset.offset(1000L));
        assertThat(gap.path("communitySquareMetres").asLong()).isBetween(10_000_000_000L, 11_000_000_000L);
        assertThat(gap.path("gapGeoJson").asString()).contains("Polygon").contains("104.5").contains("105");
        assertThat(street.path("coverageGaps")).hasSize(2);
        JsonNode covered = street.path("coverageGaps").get(0).path("community").path("code").asString()
            .equals(code(tiled)) ? street.path("coverageGaps").get(0) : street.path("coverageGaps").get(1);
        assertThat(covered.path("gapSquareMetres").asLong()).isZero();
        assertThat(covered.path("gapShare").asDouble()).isZero();
        assertThat(covered.path("gapGeoJson").isNull()).isTrue();
        assertThat(district.path("coverageGaps")).isEmpty();
    }

    @Test
    void a_communitys_coverage_gap_follows_every_boundary_change_although_this_node_keeps_the_computed_gap() {
        var tree = trees.tree(104.0, 30.5);
        JsonNode general = grids.create("GENERAL_GRID", tree.community(), GridTreeFixture.rectangle(104.0, 30.5,
                104.5, 31.5));
        JsonNode west = grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.0, 30.5, 104.25, 31.5));
        JsonNode east = grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.25, 30.5, 104.5, 31.5));
        String figures = "/api/v1/grids/" + id(tree.community()) + "/figures";
        assertThat(gapShare(figures)).isEqualTo(0.5);
        assertThat(gapShare(figures)).as("kept, unchanged").isEqualTo(0.5);

        // the east micro grid is redrawn smaller: a new boundary row, so the kept gap is not used
        String eastPath = "/api/v1/grids/" + id(east);
        var redrawn = http.header("If-Match", http.get(eastPath).header("ETag")).put(eastPath + "/boundary",
                "{\"boundary\":" + GridTreeFixture.rectangle(104.25, 30.5, 104.4, 31.5) + "}");
        assertThat(redrawn.status()).as(redrawn.toString()).isEqualTo(200);
        assertThat(gapShare(figures)).isEqualTo(0.6);

        // the west one is retired: it no longer covers anything
        String westPath = "/api/v1/grids/" + id(west);
        var retired = http.header("If-Match", http.get(westPath).header("ETag")).post(westPath + "/retire", "");
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        assertThat(gapShare(figures)).isEqualTo(0.85);

        // a new micro grid covers the west half again, and the community is renamed: the name is today's
        grids.create("MICRO_GRID", general, GridTreeFixture.rectangle(104.0, 30.5, 104.25, 31.5));
        String communityPath = "/api/v1/grids/" + id(tree.community());
        var renamed = http.header("If-Match", http.get(communityPath).header("ETag")).patch(communityPath,
                "{\"name\":\"三义桥社区（新）\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        JsonNode gap = http.get(figures).json().path("coverageGaps").get(0);
        assertThat(gap.path("gapShare").asDouble()).isEqualTo(0.6);
        assertThat(gap.path("community").path("name").asString()).isEqualTo("三义桥社区（新）");
    }

    private double gapShare(String figures) {
        var answer = http.get(figures);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().path("coverageGaps").get(0).path("gapShare").asDouble();
    }
}
