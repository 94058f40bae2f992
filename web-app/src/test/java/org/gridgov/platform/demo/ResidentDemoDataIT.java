package org.gridgov.platform.demo;

import org.junit.jupiter.api.Test;

import org.gridgov.identity.SystemAuthentication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo residents load on top of the demo tree, once. */
@SpringBootTest(properties = {
        "gridgov.demo-data.enabled=true",
        "gridgov.security.bootstrap-admin.password=" + org.gridgov.PlatformTest.ADMIN_PASSWORD })
class ResidentDemoDataIT {

    @Autowired
    GridDemoData grids;

    @Autowired
    ResidentDemoData residents;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_demo_compound_has_residents_in_two_micro_grids_with_care_levels_and_a_campaign() {
        SystemAuthentication.run(() -> {
            if (jdbc.queryForObject("select count(*) from grid_node where code = ?", Long.class,
                    GridDemoData.COMMUNITY) == 0) {
                grids.loadNow();
            }
        });
        residents.loadNow();
        residents.loadNow();

        assertThat(jdbc.queryForObject("""
                select count(*) from resident_person p join resident_residence r on r.person_id = p.id
                  join resident_dwelling d on d.id = r.dwelling_id join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id where c.code = 'SYQ-JJY' and r.kind = 'LIVING'""",
                Long.class)).isEqualTo(12);
        assertThat(jdbc.queryForObject("""
                select count(distinct d.grid_id) from resident_dwelling d join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id where c.code = 'SYQ-JJY'""", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from resident_person where care_level = 'RED' and "
                + "care_reason = '独居，行动不便' and name = '王德明'", Long.class)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from resident_inspection_campaign where name like '2026年冬季%'",
                Long.class)).isOne();
    }
}
