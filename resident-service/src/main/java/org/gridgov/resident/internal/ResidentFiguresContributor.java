package org.gridgov.resident.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridgov.grid.GridFiguresContributor;
import org.gridgov.grid.GridSubtree;
import org.gridgov.resident.ResidentProperties;
import org.gridgov.shared.scope.PathRange;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The "residents" figures of a grid: dwellings and how many were verified in the last six months, residents, those
 * under care and those whose visit is overdue for their care level.
 * <p>
 * For the CITY root, a district, a street or a community (nodes of depth ≤ {@value #ROLLED_UP_DEPTH}) they come from
 * the rollups kept in the writing transaction ({@code V2026_12_20_1000}): the node's own rows, whatever the size of its
 * subtree. The two time figures keep their exact instant: whole days on the right side of the cut from the rollup's
 * day rows, the day the cut falls in read live through its partial index. Deeper grids hold a few hundred rows and
 * are counted directly ({@link #live}), which is also what {@code ResidentFiguresRollupIT} compares the rollup with.
 */
@Component
class ResidentFiguresContributor implements GridFiguresContributor {

    static final int VERIFICATION_MONTHS = 6;
    static final int ROLLED_UP_DEPTH = 4;
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final List<String> LEVELS = List.of("RED", "YELLOW", "GREEN");

    private final JdbcTemplate jdbc;
    private final ResidentProperties properties;
    private final Clock clock;

    ResidentFiguresContributor(JdbcTemplate jdbc, ResidentProperties properties, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String key() {
        return "residents";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        Instant now = clock.instant();
        return subtree.depth() <= ROLLED_UP_DEPTH ? rolledUp(subtree.path(), now) : live(subtree.path(), now);
    }

    /** The figures counted over the subtree's rows. */
    Map<String, Object> live(String path, Instant now) {
        Cuts cuts = new Cuts(now, properties.care());
        SqlPredicate under = PathRange.under(path).sql("grid_path");
        long[] dwellings = new long[2];
        jdbc.query("select count(*), count(*) filter (where verified_at >= ?) from resident_dwelling where "
                + under.sql(), rs -> {
                    dwellings[0] = rs.getLong(1);
                    dwellings[1] = rs.getLong(2);
                }, under.argsAfter(Timestamp.from(cuts.verified())));
        long[] persons = new long[3];
        jdbc.query("""
                select count(*),
                       count(*) filter (where care_level is not null),
                       count(*) filter (where care_level is not null and coalesce(last_visit_at, care_set_at) <
                           case care_level when 'RED' then ?::timestamptz when 'YELLOW' then ?::timestamptz else ?::timestamptz end)
                  from resident_person where\s""" + under.sql(), rs -> {
            persons[0] = rs.getLong(1);
            persons[1] = rs.getLong(2);
            persons[2] = rs.getLong(3);
        }, under.argsAfter(Timestamp.from(cuts.overdue("RED")), Timestamp.from(cuts.overdue("YELLOW")),
                Timestamp.from(cuts.overdue("GREEN"))));
        return summary(dwellings[0], dwellings[1], persons[0], persons[1], persons[2]);
    }

    /** The figures from the node's rollup rows, and live for the day each cut falls in: one statement. */
    Map<String, Object> rolledUp(String path, Instant now) {
        Cuts cuts = new Cuts(now, properties.care());
        SqlPredicate under = PathRange.under(path).sql("grid_path");
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select f.dwellings, f.residents, f.under_care,
                       (select coalesce(sum(v.dwellings), 0) from resident_figures_verified v
                         where v.node_path = ? and v.day > ?)
                     + (select count(*) from resident_dwelling
                         where verified_at >= ? and verified_at < ?""");
        args.add(path);
        args.add(java.sql.Date.valueOf(cuts.day(cuts.verified())));
        args.add(Timestamp.from(cuts.verified()));
        args.add(Timestamp.from(cuts.endOfDay(cuts.verified())));
        under.appendTo(sql, args);
        sql.append(") as verified,\n (select coalesce(sum(c.persons), 0) from resident_figures_care c where c.node_path = ?"
                + " and (");
        args.add(path);
        for (String level : LEVELS) {
            sql.append(level.equals("RED") ? "" : " or ").append("(c.care_level = ? and c.day < ?)");
            args.add(level);
            args.add(java.sql.Date.valueOf(cuts.day(cuts.overdue(level))));
        }
        sql.append("))");
        for (String level : LEVELS) {
            Instant cut = cuts.overdue(level);
            sql.append("\n + (select count(*) from resident_person where care_level = ?"
                    + " and coalesce(last_visit_at, care_set_at) >= ? and coalesce(last_visit_at, care_set_at) < ?");
            args.add(level);
            args.add(Timestamp.from(cuts.startOfDay(cut)));
            args.add(Timestamp.from(cut));
            under.appendTo(sql, args);
            sql.append(")");
        }
        sql.append(" as overdue\n  from (select coalesce(sum(dwellings), 0) as dwellings, coalesce(sum(residents), 0)"
                + " as residents, coalesce(sum(under_care), 0) as under_care from resident_figures where node_path = ?) f");
        args.add(path);
        return jdbc.query(sql.toString(), rs -> {
            rs.next();
            return summary(rs.getLong("dwellings"), rs.getLong("verified"), rs.getLong("residents"),
                    rs.getLong("under_care"), rs.getLong("overdue"));
        }, args.toArray());
    }

    private static Map<String, Object> summary(long dwellings, long verified, long residents, long underCare,
            long overdue) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dwellings", dwellings);
        figures.put("verifiedLast6Months", verified);
        figures.put("verificationCoverage", dwellings == 0 ? null : Math.round(verified * 1000.0 / dwellings) / 1000.0);
        figures.put("residents", residents);
        figures.put("underCare", underCare);
        figures.put("visitsOverdue", overdue);
        figures.put("visitCoverage", underCare == 0 ? null
                : Math.round((underCare - overdue) * 1000.0 / underCare) / 1000.0);
        return figures;
    }

    /** The instants the figures cut at: verified since, and per care level the last contact before which it is due. */
    record Cuts(Instant now, ResidentProperties.Care care) {

        Instant verified() {
            return now.atZone(CHINA).minusMonths(VERIFICATION_MONTHS).toInstant();
        }

        Instant overdue(String level) {
            Duration interval = switch (level) {
                case "RED" -> care.red();
                case "YELLOW" -> care.yellow();
                default -> care.green();
            };
            return now.minus(interval);
        }

        LocalDate day(Instant instant) {
            return instant.atZone(CHINA).toLocalDate();
        }

        Instant startOfDay(Instant instant) {
            return day(instant).atStartOfDay(CHINA).toInstant();
        }

        Instant endOfDay(Instant instant) {
            return day(instant).plus(1, ChronoUnit.DAYS).atStartOfDay(CHINA).toInstant();
        }
    }
}
