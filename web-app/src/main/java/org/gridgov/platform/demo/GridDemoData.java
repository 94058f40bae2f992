package org.gridgov.platform.demo;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.AssignStaffCommand;
import org.gridgov.grid.CreateGridNodeCommand;
import org.gridgov.grid.DepartmentService;
import org.gridgov.grid.GridNodeService;
import org.gridgov.grid.GridNodeView;
import org.gridgov.grid.GridStaffService;
import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;
import org.gridgov.grid.DepartmentView;
import org.gridgov.identity.AccountService;
import org.gridgov.identity.CreateAccountCommand;
import org.gridgov.shared.security.Role;
import org.gridgov.identity.SystemAuthentication;
import org.gridgov.identity.TokenPrincipal;
import org.gridgov.platform.database.EmbeddedPostgresServer;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo grid tree: 双流区 › 东升街道 › 三义桥社区 with two general grids, six micro grids, a school as a dedicated
 * grid, their staff, the street's departments and one account per role. Loaded once, on a platform with no grids yet, in one
 * transaction. Boundaries are drawn around the real place (approximate, WGS84).
 */
@Component
@Order(10) // after the bootstrap administrator
@EnableConfigurationProperties(DemoDataProperties.class)
class GridDemoData implements StartupTask {

    static final String DISTRICT = "510116";
    static final String STREET = "510116001";
    static final String COMMUNITY = "510116001003";
    static final String DEMO_PASSWORD = "gridgov-demo";

    private static final Logger log = LoggerFactory.getLogger(GridDemoData.class);

    private final DemoDataProperties properties;
    private final Optional<EmbeddedPostgresServer> embedded;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final GridNodeService grids;
    private final GridStaffService staff;
    private final DepartmentService departments;
    private final AccountService accounts;

    GridDemoData(DemoDataProperties properties, Optional<EmbeddedPostgresServer> embedded, JdbcTemplate jdbc,
            TransactionTemplate transaction, GridNodeService grids, GridStaffService staff,
            DepartmentService departments, AccountService accounts) {
        this.accounts = accounts;
        this.properties = properties;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.grids = grids;
        this.staff = staff;
        this.departments = departments;
    }

    boolean enabled() {
        return properties.enabled() != null ? properties.enabled() : embedded.isPresent();
    }

    @Override
    public String startupTaskName() {
        return "demo grids";
    }

    @Override
    public void runAtStartup() {
        if (!enabled()) {
            return;
        }
        Long existing = jdbc.queryForObject("select count(*) from grid_node", Long.class);
        if (existing != null && existing > 0) {
            return;
        }
        loadNow();
        log.info("Demo data loaded: 双流区 › 东升街道 › 三义桥社区 (turn off with GRIDGOV_DEMO_DATA_ENABLED=false)");
    }

    /** Loads the sample in one transaction (whether or not grids exist: {@link #runAtStartup} decides that). */
    void loadNow() {
        SystemAuthentication.run(() -> transaction.executeWithoutResult(status -> load()));
    }

    private void load() {
        // 三义桥社区, east of 双流 old town: roughly 103.930–103.950 E, 30.570–30.585 N
        double x = 103.930;
        double y = 30.570;
        GridNodeView district = node(DISTRICT, "双流区", GridType.DISTRICT, null, rect(103.70, 30.30, 104.10, 30.70), true);
        GridNodeView street = node(STREET, "东升街道", GridType.STREET, DISTRICT, rect(103.89, 30.54, 103.98, 30.61), true);
        GridNodeView community = node(COMMUNITY, "三义桥社区", GridType.COMMUNITY, STREET, rect(x, y, x + 0.02, y + 0.015), true);
        String[] workers = { "王建国", "李秀英", "张伟", "刘芳", "陈志强", "杨丽" };
        int worker = 0;
        for (int g = 0; g < 2; g++) {
            double gx = x + g * 0.01;
            String generalCode = COMMUNITY + "G0" + (g + 1);
            GridNodeView general = node(generalCode, "第" + (g + 1) + "网格", GridType.GENERAL_GRID, COMMUNITY,
                    rect(gx, y, gx + 0.01, y + 0.015), false);
            assign(general, g == 0 ? "赵敏" : "孙浩", StaffRole.GENERAL_GRID_WORKER, g == 0 ? "13881000101" : "13881000102", true);
            for (int m = 0; m < 3; m++) {
                double my = y + m * 0.005;
                GridNodeView micro = node(generalCode + "M0" + (m + 1), "第" + (g * 3 + m + 1) + "微网格",
                        GridType.MICRO_GRID, generalCode, rect(gx, my, gx + 0.01, my + 0.005), false);
                assign(micro, workers[worker], StaffRole.MICRO_GRID_WORKER, "1398100" + String.format(Locale.ROOT, "%04d", 2000 + worker), true);
                worker++;
            }
        }
        GridNodeView school = node(COMMUNITY + "D01", "东升小学", GridType.DEDICATED_GRID, COMMUNITY,
                rect(x + 0.012, y + 0.006, x + 0.016, y + 0.009), false);
        assign(school, "周婷", StaffRole.DEDICATED_GRID_WORKER, "13881000201", true);
        assign(community, "吴丽华", StaffRole.COMMUNITY_WORKER, "028-85801234", false);
        assign(street, "郑国强", StaffRole.STREET_OFFICER, "028-85806666", false);
        DepartmentView gas = departments.create("DS-GAS", "燃气公司东升服务站", "GAS", street.id(), "028-85812345");
        departments.create("DS-HOUSING", "东升街道住建办", "HOUSING", street.id(), "028-85813456");
        departments.create("DS-URBAN", "东升城管中队", "URBAN_MANAGEMENT", street.id(), "028-85814567");
        departments.create("SL-FIRE", "双流区消防救援大队", "FIRE", district.id(), "028-85819119");
        departments.create("DS-POLICE", "东升派出所", "POLICE", street.id(), "028-85818110");
        demoAccounts(district.id(), street.id(), community.id(), grids.getByCode(COMMUNITY + "G01M01").id(), gas.id());
    }

    /** One account per role, password {@value #DEMO_PASSWORD} (README, docs/SECURITY.md). Demo data only. */
    private void demoAccounts(long district, long street, long community, long micro, long department) {
        TokenPrincipal system = new TokenPrincipal(null, SystemAuthentication.NAME, Role.SYSTEM_ADMIN, null, null, null);
        account(system, "demo.district", "双流区干部", Role.DISTRICT_OFFICER, district, null, null);
        account(system, "demo.street", "东升街道干部", Role.STREET_OFFICER, street, null, null);
        account(system, "demo.community", "吴丽华", Role.COMMUNITY_WORKER, community, null, null);
        account(system, "demo.grid", "王建国", Role.GRID_WORKER, micro, null, null);
        account(system, "demo.department", "燃气站值班员", Role.DEPARTMENT_STAFF, null, department, null);
        account(system, "demo.merchant", "社区便利店", Role.MERCHANT, null, null, 1L);
        account(system, "demo.resident", "三义桥居民", Role.RESIDENT, null, null, null);
    }

    private void account(TokenPrincipal system, String username, String name, Role role, Long node, Long department,
            Long partner) {
        accounts.create(new CreateAccountCommand(username, name, null, DEMO_PASSWORD, role, node, department, partner),
                system);
    }

    private GridNodeView node(String code, String name, GridType type, String parent, String boundary, boolean party) {
        return grids.create(new CreateGridNodeCommand(code, name, type, parent, party, boundary));
    }

    private void assign(GridNodeView node, String name, StaffRole role, String phone, boolean primary) {
        staff.assign(node.id(), new AssignStaffCommand(name, role, phone, primary, LocalDate.of(2024, 3, 1), null));
    }

    private static String rect(double minLng, double minLat, double maxLng, double maxLat) {
        return String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                minLng, minLat, maxLng, minLat, maxLng, maxLat, minLng, maxLat, minLng, minLat);
    }
}
