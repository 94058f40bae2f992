package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import org.gridgov.shared.calendar.PublicHolidays;
import org.gridgov.shared.housing.DwellingLocations;
import org.gridgov.shared.partner.CommunityPartners;
import org.gridgov.testing.TestCallerConfiguration;

/**
 * The participation module with grid core, for its integration tests: no identity, no login, no incident module.
 * Caller and data scope come from {@link TestCallerConfiguration}. The work calendar's holidays, which the incident
 * module answers in the platform, are read here from the same table the calendar lives in (tests add holidays to it);
 * so are the 益·社 partners the points module answers in the platform, and the dwellings' locations resident-service
 * answers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TestCallerConfiguration.class)
public class ParticipationTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParticipationTestApplication.class, args);
    }

    @Bean
    PublicHolidays workCalendarHolidays(JdbcTemplate jdbc) {
        return day -> Boolean.FALSE.equals(jdbc.query("select working from work_calendar_day where day = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, java.sql.Date.valueOf(day)));
    }

    /** The dwellings' locations, which resident-service answers in the platform, read from its tables likewise. */
    @Bean
    DwellingLocations housingDwellingLocations(JdbcTemplate jdbc) {
        return path -> jdbc.query("""
                select d.id, d.grid_id, c.name || ' ' || b.name || ' ***', coalesce(b.lat, c.lat), coalesce(b.lng, c.lng)
                  from resident_dwelling d join resident_building b on b.id = d.building_id
                  join resident_compound c on c.id = b.compound_id
                 where d.grid_path like ? order by d.id""", (rs, n) -> new DwellingLocations.DwellingLocation(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Double.class),
                rs.getObject(5, Double.class)), path + "%");
    }

    @Bean
    CommunityPartners mallPartners(JdbcTemplate jdbc) {
        return id -> jdbc.query("select name from points_partner where id = ? and active", (rs, n) -> rs.getString(1),
                id).stream().findFirst();
    }
}
