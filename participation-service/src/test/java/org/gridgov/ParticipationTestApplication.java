package org.gridgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import org.gridgov.shared.calendar.PublicHolidays;
import org.gridgov.shared.partner.CommunityPartners;
import org.gridgov.testing.TestCallerConfiguration;

/**
 * The participation module with grid core, for its integration tests: no identity, no login, no incident module.
 * Caller and data scope come from {@link TestCallerConfiguration}. The work calendar's holidays, which the incident
 * module answers in the platform, are read here from the same table the calendar lives in (tests add holidays to it);
 * so are the 益·社 partners the points module answers in the platform.
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

    @Bean
    CommunityPartners mallPartners(JdbcTemplate jdbc) {
        return id -> jdbc.query("select name from points_partner where id = ? and active", (rs, n) -> rs.getString(1),
                id).stream().findFirst();
    }
}
