package org.gridgov.incident;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Incident settings.
 *
 * @param duplicateRadiusMetres open reports of the same category this close are "possibly the same"
 * @param duplicateWindow … if reported within this time
 * @param checkInHours hours a summoned department has to check in
 * @param autoCloseAfter a resolved incident the reporter did not rate closes after this
 * @param intakeGridCode where reports outside every grid go (default: the first root of the tree, a city or a district)
 */
@ConfigurationProperties("gridgov.incidents")
public record IncidentProperties(@DefaultValue("100") double duplicateRadiusMetres,
        @DefaultValue("72h") Duration duplicateWindow, @DefaultValue("2") int checkInHours,
        @DefaultValue("7d") Duration autoCloseAfter, String intakeGridCode) {
}
