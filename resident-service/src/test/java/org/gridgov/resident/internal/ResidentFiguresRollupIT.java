package org.gridgov.resident.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.gridgov.grid.GridSubtree;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.GridTreeFixture.TestTree;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.TestCaller;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The residents figures of the CITY root, districts, streets and communities come from rollups kept by triggers
 * ({@code V2026_12_20_1000}); this checks them against the count over the subtree's rows ({@link
 * ResidentFiguresContributor#live}) field by field, with rows on both sides of every cut (verified six months ago
 * give or take an hour, visits due give or take an hour), after inserts, visits, care changes, verification, deletes
 * and a grid moved to another street with its residents and dwellings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResidentFiguresRollupIT {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResidentFiguresContributor figures;

    HttpTestClient admin;
    TestTree mine;
    TestTree theirs;
    long building;

    @BeforeEach
    void setUp() {
        admin = HttpTestClient.at(port).as(TestCaller.admin());
        GridTreeFixture grids = new GridTreeFixture(admin);
        mine = grids.tree();
        theirs = grids.tree();
        var compound = admin.post("/api/v1/compounds", "{\"code\":\"" + Unique.code("C") + "\",\"name\":\"锦江苑\","
                + "\"communityId\":" + mine.community().id() + "}");
        assertThat(compound.status()).as(compound.toString()).isEqualTo(201);
        var created = admin.post("/api/v1/compounds/" + compound.json().path("id").asLong() + "/buildings",
                "{\"code\":\"1\",\"name\":\"1栋\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        building = created.json().path("id").asLong();
    }

    @Test
    void rolled_up_figures_equal_the_count_over_the_rows_at_every_level_through_a_working_day_and_a_grid_move() {
        Instant now = Instant.now();
        Instant sixMonths = now.atZone(CHINA).minusMonths(6).toInstant();
        List<Long> dwellings = new ArrayList<>();
        List<Long> persons = new ArrayList<>();
        for (TestTree tree : List.of(mine, theirs)) {
            dwellings.add(dwelling(tree, sixMonths.plus(Duration.ofHours(1))));
            dwellings.add(dwelling(tree, sixMonths.minus(Duration.ofHours(1))));
            dwellings.add(dwelling(tree, now.minus(Duration.ofDays(1))));
            dwellings.add(dwelling(tree, null));
            persons.add(person(tree, null, null));
            persons.add(person(tree, "RED", now.minus(Duration.ofDays(7)).plus(Duration.ofHours(1))));
            persons.add(person(tree, "RED", now.minus(Duration.ofDays(7)).minus(Duration.ofHours(1))));
            persons.add(person(tree, "YELLOW", now.minus(Duration.ofDays(14)).minus(Duration.ofMinutes(5))));
            persons.add(person(tree, "YELLOW", now.minus(Duration.ofDays(3))));
            persons.add(person(tree, "GREEN", now.minus(Duration.ofDays(40))));
            persons.add(person(tree, "GREEN", now.minus(Duration.ofDays(30)).plus(Duration.ofMinutes(5))));
        }
        Instant at = Instant.now();
        assertSame(at);
        var community = figures.rolledUp(path(mine.community().id()), at);
        assertThat(community.get("dwellings")).isEqualTo(4L);
        assertThat(community.get("verifiedLast6Months")).isEqualTo(2L);
        assertThat(community.get("residents")).isEqualTo(7L);
        assertThat(community.get("underCare")).isEqualTo(6L);
        assertThat(community.get("visitsOverdue")).isEqualTo(3L);

        // a day's work: a visit, a care level lifted, a dwelling verified, a person gone, names edited
        jdbc.update("update resident_person set last_visit_at = now() where id = ?", persons.get(2));
        jdbc.update("update resident_person set care_level = null, care_reason = null where id = ?", persons.get(5));
        jdbc.update("update resident_dwelling set verified_at = now() where id = ?", dwellings.get(3));
        jdbc.update("delete from resident_person where id = ?", persons.get(1));
        jdbc.update("update resident_person set name = name || '改' where grid_path like ?", path(mine.micro().id()) + "%");
        assertSame(Instant.now());
        assertThat(figures.rolledUp(path(mine.community().id()), Instant.now()).get("visitsOverdue")).isEqualTo(1L);

        // my general grid moves to a community of another district (drawn later: no boundary yet to check against),
        // its micro grid, residents and dwellings with it
        GridTreeFixture grids = new GridTreeFixture(admin);
        JsonNode district = grids.create("DISTRICT", null, null);
        JsonNode street = grids.create("STREET", district, null);
        JsonNode elsewhere = grids.create("COMMUNITY", street, null);
        String general = "/api/v1/grids/" + mine.general().id();
        var moved = admin.header("If-Match", admin.get(general).header("ETag")).post(general + "/move",
                "{\"parentCode\":\"" + GridTreeFixture.code(elsewhere) + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertSame(Instant.now());
        for (JsonNode node : List.of(district, street, elsewhere)) {
            String path = path(GridTreeFixture.id(node));
            assertThat(figures.rolledUp(path, Instant.now())).as(path).isEqualTo(figures.live(path, Instant.now()))
                .containsEntry("residents", 6L).containsEntry("dwellings", 4L);
        }
        assertThat(figures.rolledUp(path(mine.community().id()), Instant.now()))
            .containsEntry("residents", 0L).containsEntry("dwellings", 0L).containsEntry("visitsOverdue", 0L);
    }

    /**
     * Every node of both trees: the rollup's answer equals the count over the rows, field by field, for the nodes it
     * keeps (depth ≤ 4: district, street, community and, with no CITY root above them here, the general grid); the
     * figures a grid shows are that answer, and the count over the rows below.
     */
    private void assertSame(Instant at) {
        int rolledUp = 0;
        for (TestTree tree : List.of(mine, theirs)) {
            for (TestTree.Node node : List.of(tree.district(), tree.street(), tree.community(), tree.general(),
                    tree.micro())) {
                String path = path(node.id());
                if (new GridSubtree(node.id(), path).depth() <= ResidentFiguresContributor.ROLLED_UP_DEPTH) {
                    assertThat(figures.rolledUp(path, at)).as(node.code() + " at " + path)
                        .isEqualTo(figures.live(path, at));
                    rolledUp++;
                }
                assertThat(admin.get("/api/v1/grids/" + node.id() + "/figures").json().path("extensions")
                    .path("residents").path("residents").asLong()).as(node.code())
                    .isEqualTo(figures.live(path, Instant.now()).get("residents"));
            }
        }
        assertThat(rolledUp).isGreaterThanOrEqualTo(6);
    }

    private String path(long nodeId) {
        return jdbc.queryForObject("select path from grid_node where id = ?", String.class, nodeId);
    }

    private long dwelling(TestTree tree, Instant verifiedAt) {
        return jdbc.queryForObject("""
                insert into resident_dwelling (building_id, room, grid_id, grid_path, verified_by, verified_at)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, building, Unique.code("R"), tree.micro().id(),
                path(tree.micro().id()), verifiedAt == null ? null : "网格员",
                verifiedAt == null ? null : Timestamp.from(verifiedAt));
    }

    private long person(TestTree tree, String careLevel, Instant careSetAt) {
        byte[] hmac = UUID.randomUUID().toString().getBytes();
        return jdbc.queryForObject("""
                insert into resident_person (name, gender, birth_date, id_type, id_number_enc, id_number_hmac,
                    id_number_masked, population_type, grid_id, grid_path, care_level, care_reason, care_set_by,
                    care_set_at)
                values ('张三', 'MALE', date '1950-01-01', 'OTHER', ?, ?, '****', 'REGISTERED', ?, ?, ?, ?, ?, ?)
                returning id""", Long.class, hmac, hmac, tree.micro().id(), path(tree.micro().id()), careLevel,
                careLevel == null ? null : "独居", careLevel == null ? null : "网格员",
                careSetAt == null ? null : Timestamp.from(careSetAt));
    }
}
