package org.gridgov.platform.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.identity.SystemAuthentication;
import org.gridgov.platform.database.EmbeddedPostgresServer;
import org.gridgov.resident.CareLevel;
import org.gridgov.resident.CompoundView;
import org.gridgov.resident.DwellingView;
import org.gridgov.resident.HousingService;
import org.gridgov.resident.InspectionService;
import org.gridgov.resident.RegisterResidentCommand;
import org.gridgov.resident.ResidentService;
import org.gridgov.resident.IdNumbers;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo people and housing for 三义桥社区 (after the demo grid tree): a compound with two buildings whose units lie in
 * the first two micro grids, a dozen residents (made-up, valid-looking ID numbers), special groups with care levels,
 * and a gas-safety campaign. Loaded once, when the demo tree exists and no compound does.
 */
@Component
@Order(20)
class ResidentDemoData implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(ResidentDemoData.class);

    private final DemoDataProperties properties;
    private final Optional<EmbeddedPostgresServer> embedded;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final GridDirectory grids;
    private final HousingService housing;
    private final ResidentService residents;
    private final InspectionService inspections;

    ResidentDemoData(DemoDataProperties properties, Optional<EmbeddedPostgresServer> embedded, JdbcTemplate jdbc,
            TransactionTemplate transaction, GridDirectory grids, HousingService housing, ResidentService residents,
            InspectionService inspections) {
        this.properties = properties;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.grids = grids;
        this.housing = housing;
        this.residents = residents;
        this.inspections = inspections;
    }

    @Override
    public String startupTaskName() {
        return "demo residents";
    }

    @Override
    public void runAtStartup() {
        boolean enabled = properties.enabled() != null ? properties.enabled() : embedded.isPresent();
        Optional<GridNodeRef> community = grids.byCode(GridDemoData.COMMUNITY);
        Long compounds = jdbc.queryForObject("select count(*) from resident_compound", Long.class);
        if (!enabled || community.isEmpty() || compounds == null || compounds > 0) {
            return;
        }
        loadNow();
        log.info("Demo residents loaded: 锦江苑, 12 residents in 第1/第2微网格");
    }

    /** Loads the sample in one transaction, unless its compound exists ({@link #runAtStartup} decides the rest). */
    void loadNow() {
        Long existing = jdbc.queryForObject("select count(*) from resident_compound where code = 'SYQ-JJY'", Long.class);
        if (existing != null && existing > 0) {
            return;
        }
        GridNodeRef community = grids.byCode(GridDemoData.COMMUNITY).orElseThrow();
        SystemAuthentication.run(() -> transaction.executeWithoutResult(status -> load(community)));
    }

    private void load(GridNodeRef community) {
        long m1 = grids.byCode(GridDemoData.COMMUNITY + "G01M01").orElseThrow().id();
        long m2 = grids.byCode(GridDemoData.COMMUNITY + "G01M02").orElseThrow().id();
        CompoundView compound = housing.createCompound("SYQ-JJY", "锦江苑", "双流区东升街道三义桥路88号", community.id());
        long b1 = housing.createBuilding(compound.id(), "1", "1栋").id();
        long b2 = housing.createBuilding(compound.id(), "2", "2栋").id();
        String[][] people = {
            { "王德明", "1938-05-12", "ELDERLY_ALONE", "RED", "独居，行动不便" },
            { "李桂兰", "1942-11-03", "EMPTY_NEST", "YELLOW", "子女在外地" },
            { "张建华", "1975-02-20", "", "", "" },
            { "刘小雨", "2013-08-09", "CHILD_IN_DIFFICULTY", "RED", "父母务工，由祖母照看" },
            { "陈淑芬", "1950-01-30", "DISABLED", "YELLOW", "肢体残疾二级" },
            { "杨志刚", "1968-06-18", "LOW_INCOME", "GREEN", "低保户" },
        };
        int n = 0;
        for (long building : List.of(b1, b2)) {
            for (int unit = 1; unit <= 2; unit++) {
                long grid = unit == 1 ? m1 : m2;
                DwellingView dwelling = housing.createDwelling(building, Integer.toString(unit),
                        (unit * 100 + 1) + "", grid, n == 0);
                for (int k = 0; k < 3 && n < 12; k++, n++) {
                    String[] p = people[n % people.length];
                    LocalDate birth = LocalDate.parse(p[1]).plusDays(n / people.length);
                    var created = residents.register(new RegisterResidentCommand(n < people.length ? p[0]
                            : p[0].charAt(0) + "小" + p[0].substring(2), null, null, "RESIDENT_ID",
                            IdNumbers.of("510116", birth, 100 + n), "1398200" + String.format("%04d", n), "汉族",
                            n % 4 == 3 ? "FLOATING" : "REGISTERED", n == 2, n == 5, n % 3 == 0 ? "患有高血压" : null,
                            p[2].isEmpty() ? List.of() : List.of(p[2]), dwelling.id(), k == 0 ? "HEAD" : "OTHER_RELATIVE",
                            LocalDate.of(2015, 3, 1), null));
                    if (!p[3].isEmpty()) {
                        residents.setCareLevel(created.id(), CareLevel.valueOf(p[3]), p[4]);
                    }
                }
            }
        }
        inspections.createCampaign("2026年冬季燃气安全入户排查", "GAS_SAFETY", community.id(), null, null);
    }
}
