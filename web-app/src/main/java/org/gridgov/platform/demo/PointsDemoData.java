package org.gridgov.platform.demo;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridNodeRef;
import org.gridgov.identity.SystemAuthentication;
import org.gridgov.platform.database.EmbeddedPostgresServer;
import org.gridgov.points.CreateItemCommand;
import org.gridgov.points.MallService;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Points demo data next to the grid sample: partner 1 (the demo merchant account's 社区便利店) in 三义桥社区 and a few
 * items in its mall. Loaded once, when the partner is missing.
 */
@Component
@Order(20) // after the grid sample and its accounts
class PointsDemoData implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(PointsDemoData.class);

    private final DemoDataProperties properties;
    private final Optional<EmbeddedPostgresServer> embedded;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final GridDirectory grids;
    private final MallService mall;

    PointsDemoData(DemoDataProperties properties, Optional<EmbeddedPostgresServer> embedded, JdbcTemplate jdbc,
            TransactionTemplate transaction, GridDirectory grids, MallService mall) {
        this.properties = properties;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.grids = grids;
        this.mall = mall;
    }

    @Override
    public String startupTaskName() {
        return "demo points";
    }

    @Override
    public void runAtStartup() {
        boolean enabled = properties.enabled() != null ? properties.enabled() : embedded.isPresent();
        if (!enabled || jdbc.queryForObject("select count(*) from points_partner where id = 1", Long.class) > 0) {
            return;
        }
        Optional<GridNodeRef> community = grids.byCode(GridDemoData.COMMUNITY);
        if (community.isEmpty()) {
            return;
        }
        SystemAuthentication.run(() -> transaction.executeWithoutResult(status -> {
            mall.ensurePartner(1, "社区便利店", "MERCHANT", community.get().id());
            mall.createItem(new CreateItemCommand(1, "大米 5kg", "社区便利店兑换", null, 120, 20, null, null, 2));
            mall.createItem(new CreateItemCommand(1, "洗衣服务一次", "社区洗衣房", null, 30, null, null, null, null));
            mall.createItem(new CreateItemCommand(1, "理发券", "社区理发店", null, 50, 10, null, null, 1));
        }));
        log.info("Points demo data loaded: partner 1 社区便利店 with three items");
    }
}
