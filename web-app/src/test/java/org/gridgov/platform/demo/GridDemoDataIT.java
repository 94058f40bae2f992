package org.gridgov.platform.demo;

import org.junit.jupiter.api.Test;

import org.gridgov.grid.GeoPoint;
import org.gridgov.grid.GridCardService;
import org.gridgov.grid.GridLocator;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridNodeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo sample, loaded into this test JVM's database by the real loader; a second run on a platform that has
 * grids changes nothing.
 */
@SpringBootTest(properties = {
        "gridgov.demo-data.enabled=true",
        "gridgov.security.bootstrap-admin.password=" + org.gridgov.PlatformTest.ADMIN_PASSWORD })
class GridDemoDataIT {

    @Autowired
    GridDemoData demo;

    @Autowired
    GridNodeService gridService;

    @Autowired
    GridLocator locator;

    @Autowired
    GridCardService cards;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_demo_tree_is_there_and_locates_sanyiqiao_with_its_workers() {
        org.gridgov.identity.SystemAuthentication.run(this::check);
    }

    private void check() {
        if (jdbc.queryForObject("select count(*) from grid_node where code = ?", Long.class, GridDemoData.COMMUNITY) == 0) {
            demo.loadNow(); // other tests of this JVM may have created grids already, so run() would skip
        }
        long grids = jdbc.queryForObject("select count(*) from grid_node", Long.class);
        demo.runAtStartup();
        assertThat(jdbc.queryForObject("select count(*) from grid_node", Long.class)).as("runAtStartup() on a platform with grids")
            .isEqualTo(grids);

        assertThat(gridService.getByCode(GridDemoData.COMMUNITY).name()).isEqualTo("三义桥社区");
        assertThat(gridService.chain(gridService.getByCode(GridDemoData.COMMUNITY).id())).extracting(GridNodeRef::name)
            .containsExactly("双流区", "东升街道", "三义桥社区");
        assertThat(locator.gridAt(new GeoPoint(30.5725, 103.935))).get().extracting(GridNodeRef::name)
            .isEqualTo("第1微网格");
        assertThat(locator.gridAt(new GeoPoint(30.5775, 103.944))).get().extracting(GridNodeRef::name)
            .isEqualTo("东升小学");
        assertThat(cards.byCode(GridDemoData.COMMUNITY + "G01M01").workerName()).isEqualTo("王建国");
        assertThat(jdbc.queryForObject("select count(*) from department where code like 'DS-%'", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select role from account where username = 'demo.grid'", String.class))
            .isEqualTo("GRID_WORKER");
        assertThat(jdbc.queryForObject("select count(*) from account where username like 'demo.%'", Long.class))
            .isEqualTo(7);
    }
}
