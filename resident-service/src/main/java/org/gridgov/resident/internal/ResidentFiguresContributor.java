package org.gridgov.resident.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gridgov.grid.GridFiguresContributor;
import org.gridgov.grid.GridSubtree;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds people-and-housing figures to grid core's figures of a node: dwellings, verification coverage (share of
 * dwellings verified in the last six months), residents, special-group members, and how many of those with a care
 * level are overdue for a visit.
 */
@Component
class ResidentFiguresContributor implements GridFiguresContributor {

    static final int VERIFICATION_MONTHS = 6;

    private final JdbcTemplate jdbc;
    private final ResidentProperties properties;

    ResidentFiguresContributor(JdbcTemplate jdbc, ResidentProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public String key() {
        return "residents";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        Map<String, Object> figures = new LinkedHashMap<>();
        SqlPredicate under = PathRange.under(subtree.path()).sql("grid_path");
        jdbc.query("""
                select count(*), count(*) filter (where verified_at >= now() - make_interval(months => ?))
                  from resident_dwelling where\s""" + under.sql(), rs -> {
            long dwellings = rs.getLong(1);
            figures.put("dwellings", dwellings);
            figures.put("verifiedLast6Months", rs.getLong(2));
            figures.put("verificationCoverage", dwellings == 0 ? null : Math.round(rs.getLong(2) * 1000.0 / dwellings) / 1000.0);
        }, under.argsAfter(VERIFICATION_MONTHS));
        var care = properties.care();
        jdbc.query("""
                select count(*),
                       count(*) filter (where care_level is not null),
                       count(*) filter (where care_level is not null and (coalesce(last_visit_at, care_set_at) <
                           now() - case care_level when 'RED' then ? when 'YELLOW' then ? else ? end))
                  from resident_person where\s""" + under.sql(), rs -> {
            figures.put("residents", rs.getLong(1));
            figures.put("underCare", rs.getLong(2));
            figures.put("visitsOverdue", rs.getLong(3));
            long underCare = rs.getLong(2);
            figures.put("visitCoverage", underCare == 0 ? null
                    : Math.round((underCare - rs.getLong(3)) * 1000.0 / underCare) / 1000.0);
        }, under.argsAfter(interval(care.red()), interval(care.yellow()), interval(care.green())));
        return figures;
    }

    static org.postgresql.util.PGInterval interval(java.time.Duration duration) {
        try {
            return new org.postgresql.util.PGInterval(duration.toSeconds() + " seconds");
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
