package org.gridgov.points.internal;

import java.util.Optional;

import org.gridgov.shared.partner.CommunityPartners;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The mall's 益·社 partners answer the shared kernel's {@link CommunityPartners} port (one primary-key lookup). */
@Component
class MallCommunityPartners implements CommunityPartners {

    private final JdbcTemplate jdbc;

    MallCommunityPartners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> activeName(long partnerId) {
        return jdbc.query("select name from points_partner where id = ? and active", (rs, n) -> rs.getString(1),
                partnerId).stream().findFirst();
    }
}
